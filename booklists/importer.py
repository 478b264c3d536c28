"""Catalogue import from the spreadsheets reading rooms already keep.

`read_table` turns a .csv (UTF-8, UTF-8 with BOM or GB18030) or .xlsx file into
rows; `plan_import` checks every row and decides what it would do; only a plan
without errors may be applied, in one transaction, by `apply_import`. So a
file with one bad row writes nothing, and the librarian sees every bad row.
"""

import csv
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.models import Locale

from portal import pagecache
from portal.internals import raw_delete, search_index_entries, set_prefetched
from portal.search import analyze, bulk_index
from portal.spreadsheets import starts_like_formula
from portal.text import clean_text, only_invisible

from .isbn import normalize_isbn
from .models import EARLIEST_YEAR, Book, BookTag, Category, current_year

# Column -> accepted headers (Chinese first). Matching ignores case and spaces.
COLUMNS = {
    "title": ("书名", "题名", "图书名称", "title"),
    "subtitle": ("副书名", "副标题", "subtitle"),
    "authors": ("作者", "著者", "author", "authors"),
    "translator": ("译者", "translator"),
    "isbn": ("isbn", "书号", "isbn号"),
    "publisher": ("出版社", "出版者", "publisher"),
    "year": ("出版年", "出版年份", "出版时间", "year", "publicationyear"),
    "category": ("分类", "类别", "图书分类", "category"),
    "summary": ("简介", "内容简介", "摘要", "summary", "description"),
    "copies": ("册数", "复本数", "数量", "copies"),
}
REQUIRED_COLUMNS = ("title", "authors")
COLUMN_LABELS = {key: headers[0] if key != "isbn" else "ISBN" for key, headers in COLUMNS.items()}
BOOK_FIELDS = ("title", "subtitle", "authors", "translator", "isbn", "publisher", "year", "category_id", "summary")
# Text columns: a cell starting with = + - @ would run as a formula when the catalogue is exported again.
TEXT_COLUMNS = ("title", "subtitle", "authors", "translator", "publisher", "category", "summary")
MAX_FIELD_LENGTHS = {"title": 200, "subtitle": 200, "authors": 200, "translator": 100, "publisher": 100}


# The 册数 column: more copies of one title than this is a typo (100000000 once passed the preview).
MAX_IMPORTED_COPIES = 999


# Control characters no spreadsheet saved as text contains (an image or program renamed to .csv does).
BINARY = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, missing columns)."""


class ImportRowRefused(Exception):
    """Raised by a `portal_catalogue_imported` hook: this book's row cannot be applied (e.g. a barcode clash)."""

    def __init__(self, book, message):
        super().__init__(message)
        self.book = book
        self.message = message


class ImportRefused(Exception):
    """`apply_import` wrote nothing: the plan's rows now carry the reasons (shown like the preview's errors)."""

    def __init__(self, plan):
        super().__init__("; ".join(error for row in plan.errors for error in row.errors))
        self.plan = plan


@dataclass
class RowPlan:
    line: int
    values: dict
    action: str = "create"  # create, update, unchanged, error
    errors: list = field(default_factory=list)
    book: Book | None = None
    changes: list = field(default_factory=list)

    diff: list = field(default_factory=list)  # (Chinese column label, old, new) for each changed field

    @property
    def title(self):
        return self.values.get("title", "")


@dataclass
class ImportPlan:
    rows: list
    new_categories: list
    columns: list
    copies_added: int = 0  # set by apply_import: copies the loans app added for the 册数 column

    @property
    def errors(self):
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)

    @property
    def updates(self):
        return [row for row in self.rows if row.action == "update"]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self):
        return {action: self.count(action) for action in ("create", "update", "unchanged", "error")}


def _normalise_header(header):
    return "".join(str(header or "").split()).lower().lstrip("\ufeff")


def _decode_csv(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("The CSV file's encoding is not recognised. Save it as UTF-8 or GB18030 (GBK)."))


def read_table(data, filename):
    """Return (headers, [(line_number, [cells])]) for a .csv or .xlsx file's bytes."""
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if name.endswith((".xls",)):
        raise ImportFileError(_("Old .xls files are not supported. In Excel, save the file as .xlsx or CSV."))
    if not name.endswith((".csv", ".txt")) and name:
        raise ImportFileError(_("“%(name)s” is not a spreadsheet. Upload a .xlsx or .csv file.") % {"name": filename})
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.replace(b"\x00", b"")  # a stray NUL in a cell is dropped, the rest of the file is read
    text = _decode_csv(data)
    if BINARY.search(text[:4096]):
        raise ImportFileError(_("“%(name)s” is not a spreadsheet. Upload a .xlsx or .csv file.") % {"name": filename})
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return rows[0], [(number, row) for number, row in enumerate(rows[1:], start=2)]


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise ImportFileError(_("The .xlsx file cannot be opened: it is damaged or not a spreadsheet.")) from error
    sheet = workbook.worksheets[0]
    rows = iter(sheet.iter_rows(values_only=True))
    headers = next(rows, None)
    if not headers:
        raise ImportFileError(_("The file is empty."))
    return list(headers), [(number, list(row)) for number, row in enumerate(rows, start=2)]


def map_columns(headers):
    """Map our column keys to indexes in the file; refuse files without the required columns."""
    lookup = {}
    for key, accepted in COLUMNS.items():
        normalised = {_normalise_header(h) for h in accepted}
        for index, header in enumerate(headers):
            if _normalise_header(header) in normalised:
                lookup[key] = index
                break
    missing = [COLUMN_LABELS[key] for key in REQUIRED_COLUMNS if key not in lookup]
    if missing:
        found = "、".join(str(h) for h in headers if h not in (None, "")) or _("none")
        raise ImportFileError(
            _("Required columns are missing: %(missing)s. Columns found: %(found)s.")
            % {"missing": "、".join(missing), "found": found}
        )
    return lookup


def _raw_cell(row, index):
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _cell(row, index):
    """The cell's text without invisible characters (zero-width, direction controls, NUL)."""
    return clean_text(_raw_cell(row, index))


def _parse_int(text, column, errors, minimum=None, maximum=None):
    if text == "":
        return None
    try:
        number = int(float(text)) if "." in text else int(text)
    except ValueError:
        errors.append(_("“%(column)s”: “%(value)s” is not a number.") % {"column": column, "value": text})
        return None
    if minimum is not None and number < minimum:
        errors.append(
            _("“%(column)s”: %(value)s is smaller than %(min)s.") % {"column": column, "value": number, "min": minimum}
        )
        return None
    if maximum is not None and number > maximum:
        errors.append(
            _("“%(column)s”: %(value)s is more than %(max)s.") % {"column": column, "value": number, "max": maximum}
        )
        return None
    return number


def plan_import(headers, rows, create_categories=False, progress=None):
    """Check every row and decide create / update / unchanged. Writes nothing."""
    columns = map_columns(headers)
    locale = Locale.get_default()
    categories = {}
    for category in Category.objects.filter(locale=locale):
        categories[category.name] = category
        categories[category.code.lower()] = category
    books = Book.objects.filter(locale=locale).select_related("category")
    by_isbn = {b.isbn: b for b in books.exclude(isbn="")}
    by_identity = {(b.title, b.authors, b.publisher): b for b in books.filter(isbn="")}
    category_names = {category.pk: category.name for category in categories.values()}

    plans, new_categories, seen_isbns = [], [], {}
    this_year = current_year()
    for line, row in rows:
        if progress:
            progress()
        if not any(str(cell or "").strip() for cell in row):
            continue  # blank lines at the end of a sheet
        values = {key: _cell(row, index) for key, index in columns.items()}
        plan = RowPlan(line=line, values=values)
        errors = plan.errors

        for key in TEXT_COLUMNS:
            if starts_like_formula(values.get(key)):
                errors.append(
                    _("“%(column)s” starts with “%(char)s”, which spreadsheet programs run as a formula: %(value)s")
                    % {"column": COLUMN_LABELS[key], "char": values[key][0], "value": values[key][:40]}
                )
        if only_invisible(_raw_cell(row, columns.get("title"))):
            errors.append(
                _("“%(column)s” has only invisible characters (zero-width spaces or direction marks).")
                % {"column": COLUMN_LABELS["title"]}
            )
        elif not values.get("title"):
            errors.append(_("“%(column)s” must not be empty.") % {"column": COLUMN_LABELS["title"]})
        for key, limit in MAX_FIELD_LENGTHS.items():
            if len(values.get(key, "")) > limit:
                errors.append(
                    _("“%(column)s” is longer than %(limit)d characters.")
                    % {"column": COLUMN_LABELS[key], "limit": limit}
                )
        try:
            values["isbn"] = normalize_isbn(values.get("isbn", ""))
        except ValidationError as error:
            errors.append(error.messages[0])
            values["isbn"] = ""
        year = _parse_int(values.get("year", ""), COLUMN_LABELS["year"], errors, minimum=EARLIEST_YEAR)
        if year and year > this_year:
            errors.append(
                _("“%(column)s”: %(value)s is in the future.") % {"column": COLUMN_LABELS["year"], "value": year}
            )
        values["year"] = year
        values["copies"] = _parse_int(
            values.get("copies", ""), COLUMN_LABELS["copies"], errors, minimum=0, maximum=MAX_IMPORTED_COPIES
        )

        category_name = values.pop("category", "")
        values["category_id"] = None
        if category_name:
            category = categories.get(category_name) or categories.get(category_name.lower())
            if category:
                values["category_id"] = category.pk
            elif create_categories:
                if category_name not in new_categories:
                    new_categories.append(category_name)
                values["new_category"] = category_name
            else:
                errors.append(
                    _("Unknown category “%(name)s”. Use one of: %(known)s — or tick “create new categories”.")
                    % {
                        "name": category_name,
                        "known": "、".join(sorted({c.name for c in categories.values()})),
                    }
                )

        isbn = values["isbn"]
        if isbn and isbn in seen_isbns:
            errors.append(
                _("ISBN %(isbn)s already appears on row %(line)d of this file.")
                % {"isbn": isbn, "line": seen_isbns[isbn]}
            )
        elif isbn:
            seen_isbns[isbn] = line

        if errors:
            plan.action = "error"
        else:
            existing = (
                by_isbn.get(isbn)
                if isbn
                else by_identity.get((values["title"], values.get("authors", ""), values.get("publisher", "")))
            )
            if existing:
                plan.book = existing
                plan.changes = _changes(existing, values)
                plan.action = "update" if plan.changes or values.get("new_category") else "unchanged"
                plan.diff = _diff(existing, values, plan.changes, category_names)
        plans.append(plan)

    if not plans:
        raise ImportFileError(_("The file has a header row but no books."))
    return ImportPlan(rows=plans, new_categories=new_categories, columns=list(columns))


DIFF_LABELS = {**COLUMN_LABELS, "category_id": COLUMN_LABELS["category"]}


def _diff(book, values, changes, category_names):
    """What an update would change, as the librarian reads it: 分类 中外文学 → 人文历史."""
    diff = []
    for name in changes:
        if name == "category_id":
            old, new = (book.category.name if book.category else ""), category_names.get(values["category_id"], "")
        else:
            old, new = getattr(book, name), values.get(name)
        diff.append((DIFF_LABELS[name], "" if old is None else old, "" if new is None else new))
    if values.get("new_category"):
        diff.append((DIFF_LABELS["category_id"], book.category.name if book.category else "", values["new_category"]))
    return diff


def _changes(book, values):
    changed = []
    for name in BOOK_FIELDS:
        if name not in values and name != "category_id":
            continue
        new = values.get(name)
        if name in ("subtitle", "translator", "summary", "publisher", "year", "category_id") and new in ("", None):
            continue  # an empty cell never erases what the catalogue already has
        if (getattr(book, name) or None) != (new or None):
            changed.append(name)
    return changed


class UpdatesNotConfirmed(Exception):
    """The plan changes existing books and the librarian has not confirmed those updates."""


def apply_import(plan, progress=None, update_existing=True, room=None):
    """Write a valid plan in one transaction. Returns the plan's summary.

    With update_existing=False a plan that changes existing books (matched by ISBN, or by title,
    authors and publisher) is refused with UpdatesNotConfirmed and nothing is written: the admin
    and the command pass the librarian's explicit confirmation here. `room` (a value from the
    `portal_catalogue_import_rooms` hook's choices) is where the 册数 column's copies go.

    If a `portal_catalogue_imported` hook refuses a row (ImportRowRefused), nothing is written and
    ImportRefused is raised with that row's reason added to the plan.
    """
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be applied")
    if plan.updates and not update_existing:
        raise UpdatesNotConfirmed()
    rows_by_book = {}
    try:
        _write(plan, rows_by_book, progress, room)
    except ImportRowRefused as refusal:
        # The transaction rolled back: nothing of this import is written.
        row = rows_by_book[id(refusal.book)]
        row.errors.append(refusal.message)
        row.action = "error"
        raise ImportRefused(plan) from refusal
    return plan.summary


def _write(plan, rows_by_book, progress, room):
    locale = Locale.get_default()
    created, updated = [], []
    holdings = []  # (book, 册数) for every row, for the apps that keep copies
    with transaction.atomic():
        new_categories = {}
        for name in plan.new_categories:
            category, _created = Category.objects.get_or_create(
                locale=locale, name=name, defaults={"code": _category_code(name)}
            )
            new_categories[name] = category
        for row in plan.rows:
            if progress:
                progress()
            values = dict(row.values)
            if values.get("new_category"):
                values["category_id"] = new_categories[values["new_category"]].pk
            fields = {name: values.get(name) for name in BOOK_FIELDS if name in values or name == "category_id"}
            for text_field in ("subtitle", "authors", "translator", "publisher", "summary", "isbn"):
                fields[text_field] = fields.get(text_field) or ""
            if row.action == "create":
                book = Book(locale=locale, **fields)
                created.append(book)
            else:
                book = row.book
                if row.action == "update":
                    for name in row.changes + (["category_id"] if values.get("new_category") else []):
                        setattr(book, name, fields[name])
                    updated.append(book)
            holdings.append((book, values.get("copies")))
            rows_by_book[id(book)] = row
        Book.objects.bulk_create(created, batch_size=1000)
        if updated:
            # bulk_update() skips auto_now: stamp the books it changes.
            now = timezone.now()
            for book in updated:
                book.updated_at = now
            Book.objects.bulk_update(updated, [*BOOK_FIELDS, "updated_at"], batch_size=1000)
        changed = created + updated
        if changed:
            # bulk_create and bulk_update send no save signals: the page cache is cleared here.
            pagecache.bump_all()
            # bulk_create skips the save signals that keep the search index current.
            books = _ready_for_index(created, updated)
            updated_ids = [b.pk for b in updated]
            transaction.on_commit(lambda: _index(books, updated_ids))
        # The 册数 column: the loans app adds the missing copies (booklists does not import loans).
        plan.copies_added = sum(hook(holdings, room=room) or 0 for hook in hooks.get_hooks("portal_catalogue_imported"))


def room_choices():
    """Where the 册数 column's copies may go: (value, label) pairs from the apps that keep copies."""
    return [choice for hook in hooks.get_hooks("portal_catalogue_import_rooms") for choice in hook()]


def _ready_for_index(created, updated):
    """The written books with the category and tags the index reads, in a few queries.

    Refetching 20,000 books with prefetch_related("tags") took longer than
    writing them (taggit builds a queryset per book); new books have no tags,
    so only the updated ones are looked up.
    """
    books = created + updated
    if any(book.pk is None for book in created):  # a database that does not return ids from bulk inserts
        return list(
            Book.objects.filter(pk__in=[b.pk for b in updated] + _created_ids(created))
            .select_related("category")
            .prefetch_related("tags")
        )
    categories = Category.objects.in_bulk({book.category_id for book in books if book.category_id})
    tags = defaultdict(list)
    updated_ids = [book.pk for book in updated]
    for start in range(0, len(updated_ids), 500):
        items = BookTag.objects.filter(content_object_id__in=updated_ids[start : start + 500]).select_related("tag")
        for item in items:
            tags[item.content_object_id].append(item.tag)
    for book in books:
        book.category = categories.get(book.category_id)
        set_prefetched(book, "tags", Tag.objects.none(), tags.get(book.pk, []))
    return books


def _created_ids(created):
    locale = Locale.get_default()
    isbns = [book.isbn for book in created if book.isbn]
    ids = list(Book.objects.filter(locale=locale, isbn__in=isbns).values_list("pk", flat=True)) if isbns else []
    for book in created:
        if not book.isbn:
            ids.extend(
                Book.objects.filter(
                    locale=locale, isbn="", title=book.title, authors=book.authors, publisher=book.publisher
                ).values_list("pk", flat=True)
            )
    return ids


def _index(books, updated_ids=()):
    """Index the written books in bulk (see portal.search.bulk_index), then ANALYZE what the import filled."""
    if updated_ids and connection.vendor == "sqlite":
        # modelsearch's SQLite backend updates existing entries with one UPDATE
        # each (20,000 queries for a big re-import); delete them in a few
        # statements instead, so add_bulk inserts them all in bulk. Triggers
        # keep the FTS table in step.
        entries = search_index_entries().filter(content_type=ContentType.objects.get_for_model(Book))
        ids = [str(pk) for pk in updated_ids]
        for start in range(0, len(ids), 500):
            raw_delete(entries.filter(object_id__in=ids[start : start + 500]).using(connection.alias))
    bulk_index(Book, books)
    # The planner must know the new rows, or the next searches are planned for an empty catalogue.
    analyze(Book, *(model for hook in hooks.get_hooks("portal_catalogue_import_tables") for model in hook()))


def _category_code(name):
    from django.utils.text import slugify

    base = slugify(name, allow_unicode=False) or "category"
    code, counter = base, 2
    while Category.objects.filter(code=code).exists():
        code = f"{base}-{counter}"
        counter += 1
    return code
