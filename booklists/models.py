from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal import pagecache
from portal.blocks import RICH_TEXT_FEATURES
from portal.collation import PinyinOrder, pinyin_order
from portal.internals import SearchableQuerySetMixin, content_language
from portal.models import BasePage, visible
from portal.pagination import paginate, paginate_counted
from portal.search import CJKAutocompleteField, CJKSearchField, to_query_terms
from portal.text import clean_text, only_invisible

from .forms import BookAdminForm
from .isbn import format_isbn13, normalize_isbn

# Reading rooms hold books printed over a century; anything earlier is a typo.
EARLIEST_YEAR = 1900

# The one size covers are shown at (templates use the same filter spec).
COVER_FILTER = "fill-160x224"


def cover_prefetch():
    """Prefetch a book's cover with its rendition, so `{% image book.cover fill-160x224 %}` runs no query."""
    return models.Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions(COVER_FILTER))


def current_year():
    return timezone.localdate().year


def validate_not_future_year(value):
    if value and value > current_year():
        raise ValidationError(
            _("The publication year %(year)s is in the future.") % {"year": value}, code="future_year"
        )


class Category(TranslatableMixin, models.Model):
    """A catalogue category (分类), e.g. 中外文学. Editable by staff."""

    name = models.CharField(pgettext_lazy("portal", "name"), max_length=40)
    code = models.SlugField(_("code"), max_length=40, help_text=_("Used in addresses, e.g. literature"))
    description = models.TextField(pgettext_lazy("portal", "description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("code"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_category_code_per_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="unique_category_name_per_locale"),
        ]

    def __str__(self):
        return self.name


class BookTag(TaggedItemBase):
    content_object = ParentalKey("booklists.Book", on_delete=models.CASCADE, related_name="tagged_items")


class BookQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def catalogue(self):
        """The catalogue records: books in the default locale.

        Copies, loans and lists always point at these; a translation only
        changes what an English visitor reads (see `with_translation`).
        """
        return self.filter(locale_id=Locale.get_default().pk)

    def catalogue_in_query(self):
        """`catalogue()` with the default locale found inside the same SQL query (one query fewer).

        For the public pages; a search backend may not accept the subquery, so `.search()` uses `catalogue()`.
        """
        code = content_language(settings.LANGUAGE_CODE)
        return self.filter(locale_id=Subquery(Locale.objects.filter(language_code=code).values("pk")[:1]))

    def with_translation(self, locale):
        """Annotate `title_tr` / `summary_tr` with the translation into `locale` (a Locale or its id), in one query."""
        translated = Book.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
        category = Category.objects.filter(translation_key=OuterRef("category__translation_key"), locale=locale)
        return self.annotate(
            title_tr=Subquery(translated.values("title")[:1]),
            summary_tr=Subquery(translated.values("summary")[:1]),
            category_tr=Subquery(category.values("name")[:1]),
        )


class Book(TranslatableMixin, index.Indexed, ClusterableModel):
    """A title in the catalogue (图书). Physical copies are counted separately."""

    isbn = models.CharField(
        _("ISBN"),
        max_length=13,
        blank=True,
        db_index=True,
        help_text=_("ISBN-10 or ISBN-13, hyphens allowed; stored as ISBN-13. Leave empty if the book has none."),
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    authors = models.CharField(_("authors"), max_length=200, blank=True)
    translator = models.CharField(_("translator"), max_length=100, blank=True)
    publisher = models.CharField(_("publisher"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(
        _("publication year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_YEAR), validate_not_future_year, MaxValueValidator(9999)],
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT, related_name="books"
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    tags = ClusterTaggableManager(through=BookTag, blank=True, verbose_name=_("tags"))
    # Kept by the loans app with F() updates, so "most borrowed" sorts on an index.
    loan_count = models.PositiveIntegerField(_("times borrowed"), default=0, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BookQuerySet.as_manager()

    base_form_class = BookAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("authors"), FieldPanel("translator")]),
        FieldRowPanel([FieldPanel("isbn"), FieldPanel("publisher"), FieldPanel("year")]),
        FieldPanel("category"),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("summary"), FieldPanel("tags")], heading=_("For readers")),
    ]

    search_fields = [
        index.SearchField("title", boost=5),
        # Titles and names also index single characters: a surname alone (王) finds its authors.
        CJKSearchField("title", boost=5, characters=True),
        CJKSearchField("subtitle", boost=3),
        CJKSearchField("authors", boost=3, characters=True),
        CJKSearchField("translator", characters=True),
        CJKSearchField("publisher"),
        index.SearchField("isbn", boost=3),
        CJKSearchField("summary"),
        index.RelatedFields("category", [CJKSearchField("name")]),
        index.RelatedFields("tags", [CJKSearchField("name")]),
        index.AutocompleteField("title"),
        CJKAutocompleteField("title"),
        CJKAutocompleteField("authors"),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("locale"),
        index.FilterField("isbn"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("subtitle"),
        TranslatableField("summary"),
        SynchronizedField("isbn"),
        SynchronizedField("authors"),
        SynchronizedField("translator"),
        SynchronizedField("publisher"),
        SynchronizedField("year"),
        SynchronizedField("category"),
        SynchronizedField("cover"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = [PinyinOrder("title"), "pk"]
        verbose_name = _("book")
        verbose_name_plural = _("books")
        constraints = [
            models.UniqueConstraint(fields=["isbn", "locale"], condition=~Q(isbn=""), name="unique_isbn_per_locale"),
        ]
        indexes = [models.Index(fields=["locale", "category", "title"], name="book_catalogue_idx")]

    def __str__(self):
        return self.title

    # Text fields cleaned of invisible characters (zero-width, direction overrides) on clean and save.
    CLEANED_TEXT_FIELDS = ("title", "subtitle", "authors", "translator", "publisher", "summary")

    def clean_text_fields(self):
        """Remove invisible characters; return the fields that had nothing else (so they are reported as such)."""
        invisible = [name for name in self.CLEANED_TEXT_FIELDS if only_invisible(getattr(self, name))]
        for name in self.CLEANED_TEXT_FIELDS:
            setattr(self, name, clean_text(getattr(self, name)))
        return invisible

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        if "title" in self.clean_text_fields() and "title" not in exclude:
            # Say why, rather than "this field cannot be blank" for a title that looked filled in.
            errors["title"] = [_("The title has only invisible characters (zero-width spaces or direction marks).")]
            exclude.add("title")
        # Normalise first: "978-7-02-004929-5" is 17 characters but a valid 13-digit ISBN.
        try:
            self.isbn = normalize_isbn(self.isbn)
        except ValidationError:
            exclude.add("isbn")  # clean() reports why, on the field
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            self.isbn = normalize_isbn(self.isbn)
        except ValidationError as error:
            raise ValidationError({"isbn": error.messages}) from None
        if self.isbn:
            clash = Book.objects.filter(isbn=self.isbn, locale_id=self.locale_id).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError(
                    {"isbn": _("Another book already has this ISBN: 《%(title)s》.") % {"title": clash.title}}
                )

    @property
    def isbn_display(self):
        return format_isbn13(self.isbn)

    @property
    def display_title(self):
        """The title in the visitor's language when a translation was annotated."""
        return getattr(self, "title_tr", None) or self.title

    @property
    def display_summary(self):
        return getattr(self, "summary_tr", None) or self.summary

    @property
    def display_category(self):
        if not self.category_id:
            return ""
        return getattr(self, "category_tr", None) or self.category.name

    @property
    def cover_style(self):
        """One of eight colours for the generated cover, stable for a book."""
        return (self.pk or 0) % 8


class BookListIndexPage(BasePage):
    """推荐书目: all recommended book lists."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["booklists.BookListPage"]
    max_count_per_parent = 1
    template = "booklists/book_list_index_page.html"

    class Meta:
        verbose_name = _("book list index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["book_lists"] = (
            BookListPage.objects.child_of(self)
            .live()
            .public()
            .annotate(book_count=models.Count("items"))
            .order_by("-first_published_at")
        )
        return context


class BookListPage(BasePage):
    """A recommended list (推荐书目 / 领导干部领读书单): books, each with the reason it is recommended."""

    theme = models.CharField(_("theme"), max_length=120, blank=True)
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    recommender_name = models.CharField(
        _("recommended by"), max_length=50, blank=True, help_text=_("For a leader's list (领导干部领读), e.g. 王建国")
    )
    recommender_title = models.CharField(_("recommender's position"), max_length=80, blank=True)
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("theme"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("recommender_name"), FieldPanel("recommender_title")])],
            heading=_("Leader's list"),
        ),
        PageChooserPanel("campaign", page_type="campaigns.CampaignPage"),
        InlinePanel("items", label=_("books"), min_num=1, heading=_("Books")),
    ]
    search_fields = BasePage.search_fields + [
        CJKSearchField("theme", boost=2),
        CJKSearchField("introduction"),
        CJKSearchField("recommender_name"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("theme"),
        TranslatableField("introduction"),
        TranslatableField("recommender_name"),
        TranslatableField("recommender_title"),
        SynchronizedField("campaign"),
        TranslatableField("items"),
    ]

    parent_page_types = ["booklists.BookListIndexPage"]
    subpage_types = []
    template = "booklists/book_list_page.html"

    class Meta:
        verbose_name = _("book list")

    def list_items(self, locale=None):
        """Items in order with book, category and cover, in a fixed number of queries.

        Works for previews too, where the items live in memory, not in the database.
        """
        books = Book.objects.select_related("category").prefetch_related(cover_prefetch())
        if locale is not None:
            books = books.with_translation(locale)
        items = [item for item in self.items.all() if item.book_id]
        prefetch_related_objects(items, models.Prefetch("book", queryset=books))
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.list_items(locale=self.locale_id)
        categories = {}
        for item in items:
            if item.book.category and item.book.category_id not in categories:
                category = item.book.category
                # The name in the page's language (the category itself is the catalogue's).
                category.display_name = item.book.display_category
                categories[item.book.category_id] = category
        code = request.GET.get("category", "")
        if code:
            items = [item for item in items if item.book.category and item.book.category.code == code]
        context["items"] = items
        context["categories"] = sorted(categories.values(), key=lambda c: (c.sort_order, c.pk))
        context["current_category"] = code
        # Other apps add panels here (e.g. progress: "add this list to my plan"); each hook
        # returns a list of dicts with a "template", like portal_book_page_panels.
        context["list_panels"] = [
            panel for hook in hooks.get_hooks("portal_book_list_page_panels") for panel in hook(request, self)
        ]
        return context


class BookListItem(TranslatableMixin, Orderable):
    page = ParentalKey(BookListPage, on_delete=models.CASCADE, related_name="items")
    book = models.ForeignKey(Book, verbose_name=_("book"), on_delete=models.CASCADE, related_name="list_items")
    reason = models.TextField(_("why we recommend it"), blank=True, max_length=1000)

    panels = [FieldPanel("book"), FieldPanel("reason")]
    translatable_fields = [SynchronizedField("book"), TranslatableField("reason")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("list item")
        verbose_name_plural = _("list items")


CATALOGUE_PAGE_SIZE = 24
CATALOGUE_SORTS = {
    "title": (pinyin_order("title"), "pk"),
    "newest": ("-year", "-created_at", "pk"),
    "most_borrowed": ("-loan_count", pinyin_order("title"), "pk"),
}


class CataloguePage(RoutablePageMixin, BasePage):
    """图书目录: the public catalogue, by category, with a page per book."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "booklists/catalogue_page.html"

    class Meta:
        verbose_name = _("catalogue")

    def book_url(self, book, request=None):
        """The address of a book's page here; `book` is a Book or its id. See {% book_url %}."""
        book_id = getattr(book, "pk", book)
        return self.get_url(request) + self.reverse_subpage("book", args=[book_id])

    @path("")
    def index(self, request):
        # Categories in the page's language, or the default language's until they are translated.
        categories = list(Category.objects.filter(locale_id=self.locale_id)) or list(
            Category.objects.filter(locale_id=Locale.get_default().pk)
        )
        books = (
            Book.objects.catalogue_in_query()
            .select_related("category")
            .prefetch_related(cover_prefetch())
            .with_translation(self.locale_id)
        )
        # Its listing shows what is on the shelf (the 在架可借 filter): loans clears the tag.
        pagecache.tag(request, pagecache.CATALOGUE)
        code = request.GET.get("category", "")
        current = next((c for c in categories if c.code == code), None)
        if current is not None:
            books = books.filter(category__translation_key=current.translation_key)
        query = request.GET.get("q", "").strip()[:100]
        unsearchable = False
        if query:
            # The site search's matching (booklists.search), imported here to avoid a cycle.
            from .search import isbn_query, search_books

            unsearchable = not isbn_query(query) and not to_query_terms(query)
            books = books.filter(pk__in=search_books(query).values("pk"))
        # Other apps (loans) narrow the catalogue to books on the shelf; no hook, no checkbox.
        available_filters = hooks.get_hooks("portal_catalogue_available_filter")
        available = bool(available_filters) and request.GET.get("available") == "1"
        if available:
            for available_filter in available_filters:
                books = available_filter(books)
        sort = request.GET.get("sort", "title")
        if sort not in CATALOGUE_SORTS:
            sort = "title"
        books = books.order_by(*CATALOGUE_SORTS[sort])
        return self.render(
            request,
            context_overrides={
                "categories": categories,
                "current_category": current,
                "query": query,
                "unsearchable": unsearchable,
                "can_filter_available": bool(available_filters),
                "available": available,
                "sort": sort,
                # A search counts its matches in the page's own query (one full-text match, not two).
                "books": (paginate_counted if query else paginate)(request, books, CATALOGUE_PAGE_SIZE),
                "catalogue_url": self.get_url(request),
            },
        )

    @path("<int:book_id>/", name="book")
    def book(self, request, book_id):
        book = get_object_or_404(
            Book.objects.catalogue_in_query()
            .select_related("category")
            .prefetch_related(cover_prefetch(), "tags")
            .with_translation(self.locale_id),
            pk=book_id,
        )
        lists = (
            visible(BookListPage.objects.all())
            .filter(locale_id=self.locale_id, items__book__translation_key=book.translation_key)
            .distinct()
            .order_by("-first_published_at")
        )
        pagecache.tag(request, pagecache.book_tag(book))
        # Other apps add panels here (e.g. loans: copies per reading room and the reserve form)
        # without booklists importing them: each hook returns a list of dicts with a "template".
        panels = []
        for hook in hooks.get_hooks("portal_book_page_panels"):
            panels.extend(hook(request, book))
        return self.render(
            request,
            template="booklists/book_page.html",
            context_overrides={
                "book": book,
                "book_lists": lists,
                "book_panels": panels,
                "catalogue_url": self.get_url(request),
                # The base template's canonical address, QR code and language links point at the book.
                "route_suffix": f"{book.pk}/",
            },
        )
