"""Builds the demo catalogue (catalogue.csv, through the librarians' importer), the catalogue page
and the recommended book lists (booklists/demo/content.py).

The pages go under the home page the caller passes in; book lists that belong to a campaign
name it by key in `campaigns` ({"2024": page, "current": page}), also passed in.
"""

from django.core.management.base import CommandError

from booklists.importer import ImportFileError, apply_import, plan_import, read_table
from booklists.models import Book, BookListIndexPage, BookListItem, BookListPage, CataloguePage
from portal.demo import local_datetime, parse_date

from . import content, content_en


def build(run, home, campaigns):
    """The catalogue, its page and the book lists; returns (catalogue page, book list index)."""
    import_catalogue(run)
    catalogue = build_catalogue_page(run, home)
    book_list_index = build_book_lists(run, home, campaigns)
    return catalogue, book_list_index


def import_catalogue(run):
    """The demo catalogue, through the importer librarians use in the admin."""
    path = content.CATALOGUE_FILE
    try:
        headers, rows = read_table(path.read_bytes(), path.name)
        plan = plan_import(headers, rows)
    except ImportFileError as error:
        raise CommandError(f"{path}: {error}") from error
    if plan.errors:
        lines = [f"  第 {row.line} 行《{row.title}》: {'; '.join(row.errors)}" for row in plan.errors]
        raise CommandError(f"{path} 有 {len(plan.errors)} 行错误，未导入任何图书:\n" + "\n".join(lines))
    summary = plan.summary
    if summary["create"] or summary["update"]:
        apply_import(plan)
    # Counted in the total but not listed in the summary (the import reports on its own terms).
    for bucket, action in ((run.created, "create"), (run.skipped, "unchanged"), (run.updated, "update")):
        if summary[action]:
            bucket["图书"] = bucket.get("图书", 0) + summary[action]


def build_catalogue_page(run, home):
    spec = content.CATALOGUE_PAGE
    return run.page(home, CataloguePage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True)


def book_list_items(spec):
    books = {}
    for book in Book.objects.catalogue().filter(title__in=[title for title, _reason in spec["items"]]):
        books.setdefault(book.title, book)
    missing = [title for title, _reason in spec["items"] if title not in books]
    if missing:
        raise CommandError(
            f"书单“{spec['title']}”中的图书不在目录中: {'、'.join(missing)}（见 {content.CATALOGUE_FILE}）"
        )
    return [
        BookListItem(book=books[title], reason=reason, sort_order=order)
        for order, (title, reason) in enumerate(spec["items"])
    ]


def build_book_lists(run, home, campaigns):
    spec = content.BOOK_LIST_INDEX
    index_page = run.page(
        home, BookListIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
    )
    for spec in content.BOOK_LISTS:
        if BookListPage.objects.child_of(index_page).filter(slug=spec["slug"]).exists():
            run.count(run.skipped, "页面")
            continue
        fields = {
            "title": spec["title"],
            "intro": spec["intro"],
            "theme": spec["theme"],
            "introduction": spec["introduction"],
            "recommender_name": spec["recommender_name"],
            "recommender_title": spec["recommender_title"],
            "campaign": campaigns[spec["campaign"]] if spec["campaign"] else None,
            "children": {"items": book_list_items(spec)},
        }
        if spec["published"]:
            fields["first_published_at"] = local_datetime(parse_date(spec["published"]), "09:00")
        run.page(index_page, BookListPage, spec["slug"], **fields)
    return index_page


def translate(run, locale, catalogue, book_list_index):
    """The catalogue page, the list index and every book list in `locale` (content_en.py)."""
    run.translate(catalogue, locale, content_en.CATALOGUE_PAGE)
    run.translate(book_list_index, locale, content_en.BOOK_LIST_INDEX)
    for book_list in BookListPage.objects.child_of(book_list_index).order_by("path"):
        spec = content_en.BOOK_LISTS[book_list.slug]
        fields = {key: value for key, value in spec.items() if key != "reasons"}
        fields["items"] = [{"reason": reason} for reason in spec["reasons"]]
        run.translate(book_list, locale, fields)
