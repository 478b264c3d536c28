from django.core.paginator import EmptyPage, Paginator

from portal.params import page_number


def paginate(request, queryset, per_page, param="page"):
    """The page of `queryset` named by ?page= (or `param`): not a number → the first, past the end → the last."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number(request, param))
    except EmptyPage:
        return paginator.page(paginator.num_pages)
