"""What every app's demo builder (`<app>/demo/builder.py`) shares: one DemoRun per `load_demo`.

The run counts what was created, what already existed and what was updated, under a label
shown in the summary ("页面", "用户" …), and builds pages the same way everywhere: a page is
looked up by parent and slug and only created (and published) when missing, which is what makes
`load_demo` idempotent.
"""

import datetime

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

    def translate(self, page, locale, fields):
        """The page's translation into `locale`, created (parents first) and published if missing."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            self.count(self.skipped, "英文页面")
            return existing
        # Parents first, so copy_parents never has to make placeholder aliases.
        translation = page.copy_for_translation(locale, copy_parents=True)
        for field, value in fields.items():
            setattr(translation, field, value)
        self.publish(translation)
        self.count(self.created, "英文页面")
        return translation
