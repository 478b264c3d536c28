"""`{% book_url book %}`: the address of a book's page in the catalogue, in the reader's language."""

from django import template

from portal.localization import localized_page

register = template.Library()


@register.simple_tag(takes_context=True)
def book_url(context, book):
    """The book's page in the catalogue in the active language (else the default language's).

    `book` is a Book or its id. "" when the site has no live catalogue, so templates write
    `{% book_url book as url %}{% if url %}<a href="{{ url }}">…{% endif %}`.
    """
    from booklists.models import CataloguePage

    if book is None or book == "":
        return ""
    request = context.get("request")
    page = context.get("page")
    catalogue = page if isinstance(page, CataloguePage) else localized_page(CataloguePage, request)
    if catalogue is None:
        return ""
    return catalogue.book_url(book, request)
