import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Book, Category
from .views import BookImportView


def default_locale_categories(request):
    return Category.objects.filter(locale_id=Locale.get_default().pk)


class BookFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(label=_("category"), queryset=default_locale_categories)
    year = django_filters.RangeFilter(label=_("publication year"))

    class Meta:
        model = Book
        fields = ["category", "year"]


class BookViewSet(SnippetViewSet):
    model = Book
    icon = "doc-full"
    menu_label = _("Books")
    filterset_class = BookFilterSet
    list_display = ["title", "authors", Column("display_category", label=_("category")), "year", "isbn"]
    list_export = ["isbn", "title", "subtitle", "authors", "translator", "publisher", "year", "category", "summary"]
    export_filename = "books"
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "subtitle",
        "authors",
        "translator",
        "isbn",
        "publisher",
        "year",
        "category",
        "summary",
        "cover",
    ]
    ordering = ["title"]

    def get_queryset(self, request):
        return Book.objects.select_related("category", "locale")


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "code", "sort_order"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (BookViewSet, CategoryViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Catalogue")
    menu_name = "catalogue"
    menu_order = 250


register_snippet(CatalogueViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("books/import/", BookImportView.as_view(), name="booklists_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(["booklists.add_book", "booklists.change_book"])


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import books"), reverse("booklists_import"), icon_name="upload", order=260)
