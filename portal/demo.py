"""What every app's demo builder (`<app>/demo/builder.py`) shares: one DemoRun per `load_demo`.

The run counts what was created, what already existed and what was updated, under a label
shown in the summary ("页面", "用户" …), and builds pages the same way everywhere: a page is
looked up by parent and slug and only created (and published) when missing, which is what makes
`load_demo` idempotent.
"""

import datetime
import re

from django.core.management.base import CommandError
from django.utils import timezone


def parse_date(value):
    return datetime.date.fromisoformat(value)


def local_datetime(day, hhmm):
    """An aware datetime at a local wall-clock time (TIME_ZONE, Asia/Shanghai)."""
    time = datetime.time.fromisoformat(hhmm)
    return timezone.make_aware(datetime.datetime.combine(day, time))


class DemoRun:
    def __init__(self, today=None):
        self.created = {}
        self.skipped = {}
        self.updated = {}
        self.labels = {}  # in the order things were built
        self.touched_pages = []  # indexed once the build is committed
        self.warnings = []
        self.refs = {}  # pages that bodies link to, by key (see stream)
        self.admin = None  # the user who owns and publishes the demo pages; set by the people builder
        self.today = today or timezone.localdate()

    # -- bookkeeping --------------------------------------------------------

    def count(self, bucket, label):
        self.labels.setdefault(label)
        bucket[label] = bucket.get(label, 0) + 1

    def tally(self, label, created, skipped):
        """Record counts reported by a builder that counts for itself (lending, notes)."""
        self.labels.setdefault(label)
        for bucket, number in ((self.created, created), (self.skipped, skipped)):
            if number or label not in bucket:
                bucket[label] = bucket.get(label, 0) + number

    def summary_lines(self):
        """(style, line) pairs: the headline, one line per label, warnings, the total."""
        lines = [("MIGRATE_HEADING", "演示数据 / demo data:")]
        for label in self.labels:
            line = f"  {label}: 新建 {self.created.get(label, 0)}，已存在 {self.skipped.get(label, 0)}"
            if self.updated.get(label):
                line += f"，更新 {self.updated[label]}"
            lines.append((None, line))
        lines += [("WARNING", f"  注意：{warning}") for warning in self.warnings]
        total = sum(self.created.values())
        if total:
            lines.append(("SUCCESS", f"演示站点已建好：新建 {total} 项。"))
        else:
            lines.append(("SUCCESS", "演示站点已存在，没有新建任何内容。"))
        return lines

    # -- pages ---------------------------------------------------------------

    def stream(self, blocks):
        """Raw StreamField data from (type, value) pairs; page references (refs keys) become ids."""
        raw = []
        for block_type, value in blocks:
            if block_type == "call_to_action" and isinstance(value.get("page"), str):
                target = self.refs.get(value["page"])
                if target is None:
                    continue  # linked page not built yet; the caller fills the body in later
                value = {**value, "page": target.pk}
            raw.append({"type": block_type, "value": value})
        return raw

    def publish(self, page, user=None):
        give_stream_items_ids(page)
        page.save_revision(user=user or self.admin, log_action=True).publish(user=user or self.admin)
        self.touched_pages.append(page)

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug; created and published if missing.

        `children` (relation name → list of child objects) and `tags` are set before saving.
        A page created by this call has `demo_created = True`.
        """
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            self.count(self.skipped, "页面")
            return existing
        children = fields.pop("children", {})
        tags = fields.pop("tags", [])
        page = model(slug=slug, owner=self.admin, **fields)
        for relation, items in children.items():
            setattr(page, relation, items)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        self.publish(page)
        page.demo_created = True
        self.count(self.created, "页面")
        return page

    def translate(self, instance, locale, fields, *, refresh=False):
        """`instance` (a page or a translatable snippet) in `locale`, through wagtail-localize.

        `fields` holds the English text the way the Chinese is written in content.py: field name →
        value, a StreamField as raw data (`stream`), a child relation (phases, book list items…) as
        a list of {field: value} in the children's order. Each value is cut into wagtail-localize
        segments the same way as the Chinese, and the English of every segment is stored as its
        StringTranslation; `Translation.save_target` then creates (or updates) the English
        version. So the English is a real translation: when the Chinese changes the translation
        shows as out of date in the admin and is synchronised from there.

        An existing translation is left alone unless `refresh` (the demo changed its shape).
        """
        from wagtail.models import Page
        from wagtail_localize.models import Translation, TranslationSource

        if isinstance(instance, Page):
            instance = instance.specific
        existing = instance.get_translation_or_none(locale)
        if isinstance(instance, Page) and stream_items_lack_ids(instance):
            self.publish(instance)  # a page of an older demo: its list items get ids (see give_stream_items_ids)
            self.count(self.updated, "页面")
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation = Translation.objects.filter(source=source, target_locale=locale).first()
        label = "英文页面" if isinstance(instance, Page) else "英文条目"
        if existing is not None and translation is not None and not refresh:
            self.count(self.skipped, label)
            return existing.specific if isinstance(existing, Page) else existing
        store_english_strings(source, english_instance(instance, fields), locale, self.admin)
        if translation is None:
            translation = Translation.objects.create(source=source, target_locale=locale)
        if isinstance(instance, Page):
            # A page is saved as a draft and its revision published here: with publish=True
            # wagtail-localize publishes only when the transaction commits (load_demo's is one
            # transaction, and a test's never commits).
            translation.save_target(user=self.admin, publish=False)
            target = instance.get_translation(locale).specific
            target.get_latest_revision().publish(user=self.admin)
            self.touched_pages.append(target)
        else:
            translation.save_target(user=self.admin)
            target = instance.get_translation(locale)
        self.count(self.updated if existing is not None else self.created, label)
        return target


def give_stream_items_ids(page):
    """Every block and list item of the page's StreamFields gets its id now, not on a later edit.

    wagtail-localize cuts a StreamField into segments by block id; list items without one (the
    demo's figures, written as plain lists) would not be offered for translation at all.
    """
    from wagtail.fields import StreamField

    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            list(value)  # turns the raw data into blocks, so that the prep value below has every id
            setattr(page, field.name, value.get_prep_value())


def stream_items_lack_ids(page):
    from wagtail.fields import StreamField

    def lacks(data):
        if isinstance(data, list):
            return any(lacks(item) for item in data)
        if isinstance(data, dict):
            if "type" in data and "value" in data and not data.get("id"):
                return True
            return any(lacks(value) for value in data.values())
        return False

    def plain_list_of_dicts(data):
        # a ListBlock in the old format: a list of plain values (no type/value/id)
        if isinstance(data, list):
            if data and all(isinstance(item, dict) and "type" not in item for item in data):
                return True
            return any(plain_list_of_dicts(item) for item in data)
        if isinstance(data, dict):
            return any(plain_list_of_dicts(value) for value in data.values())
        return False

    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            raw = getattr(page, field.name).raw_data
            if lacks(list(raw)) or any(plain_list_of_dicts(block.get("value")) for block in raw):
                return True
    return False


def english_instance(instance, fields):
    """A fresh, unsaved copy of `instance` with the English values in place (see DemoRun.translate)."""
    english = type(instance)._default_manager.get(pk=instance.pk)
    for field, value in fields.items():
        manager = getattr(english, field, None)
        if isinstance(value, list) and hasattr(manager, "all") and not hasattr(manager, "stream_block"):
            children = list(manager.all())
            if len(children) != len(value):
                raise CommandError(f"{instance}: {field} 有 {len(children)} 项，英文稿有 {len(value)} 项")
            for child, child_fields in zip(children, value, strict=True):
                for name, text in child_fields.items():
                    setattr(child, name, text)
            setattr(english, field, children)
        else:
            setattr(english, field, value)
    give_stream_items_ids(english)
    return english


def store_english_strings(source, english, locale, user):
    """A StringTranslation for every segment of `source`, from the same segment of `english`.

    Both are cut into segments the same way, so the n-th Chinese segment is translated by the n-th
    English one; their paths must agree once block ids and translation keys (which differ between
    the two) are left out. A difference is an error in the demo's content_en.py, reported by path.
    """
    from wagtail_localize.models import StringTranslation
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    english_segments = [
        (_shape(segment.path), segment.string.data)
        for segment in extract_segments(english)
        if isinstance(segment, StringSegmentValue)
    ]
    chinese_segments = list(source.stringsegment_set.select_related("string", "context").order_by("order"))
    chinese_shapes = [_shape(segment.context.path) for segment in chinese_segments]
    english_shapes = [shape for shape, _text in english_segments]
    if chinese_shapes != english_shapes:
        raise CommandError(
            f"{source.object_repr}: 英文稿与中文稿的段落不对应\n  中文: {chinese_shapes}\n  英文: {english_shapes}"
        )
    for segment, (_path, text) in zip(chinese_segments, english_segments, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": "manual", "last_translated_by": user},
        )


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _shape(path):
    return _UUID.sub("*", path)
