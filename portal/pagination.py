from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Window

from portal.params import page_number


def paginate(request, queryset, per_page, param="page"):
    """The page of `queryset` named by ?page= (or `param`): not a number → the first, past the end → the last."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number(request, param))
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def paginate_counted(request, queryset, per_page, param="page"):
    """`paginate`, with the total counted in the same query as the page (`COUNT(*) OVER ()`).

    For search results: the count and the page would each run the full-text
    match; here the database matches once. Only when the page asked for is
    past the end (no rows to carry the total) is the total counted apart.
    """
    number = page_number(request, param)
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(search_total=Window(Count("*")))[offset : offset + per_page])
    paginator = Paginator(queryset, per_page)
    if rows or number == 1:
        # The paginator's count is a cached property: give it the total the page carries.
        paginator.count = rows[0].search_total if rows else 0
        page = paginator.page(number)
        page.object_list = rows
        return page
    return paginate(request, queryset, per_page, param)
