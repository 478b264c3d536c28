from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from booklists.importer import ImportFileError, ImportRefused, apply_import, plan_import, read_table, room_choices


class Command(BaseCommand):
    help = (
        "Import the catalogue from a .csv (UTF-8 / GB18030) or .xlsx file with columns "
        "书名, 作者, ISBN, 出版社, 出版年, 分类, 简介, 册数 (or their English names). "
        "If any row is bad nothing is written and every bad row is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--create-categories", action="store_true", help="create categories the file names")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")
        parser.add_argument(
            "--update", action="store_true", help="update the existing books the file changes (shown before)"
        )
        parser.add_argument("--room", help="reading room (name or id) for the copies of the 册数 column")

    def handle(self, file, create_categories, dry_run, update, room, verbosity, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        room = self.find_room(room)
        try:
            headers, rows = read_table(file.read_bytes(), file.name)
            with tqdm(total=len(rows), desc=_("Checking"), unit=_("row"), disable=verbosity < 1) as bar:
                plan = plan_import(headers, rows, create_categories=create_categories, progress=bar.update)
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        if plan.errors:
            self.refuse(plan)

        summary = plan.summary
        if plan.new_categories:
            self.stdout.write(_("New categories: %(names)s") % {"names": ", ".join(plan.new_categories)})
        for row in plan.updates:
            self.stdout.write(_("Row %(line)d updates 《%(title)s》:") % {"line": row.line, "title": row.book.title})
            for label, old, new in row.diff:
                self.stdout.write(f"  {label}：{old or '—'} → {new or '—'}")
        if plan.updates and not update and not dry_run:
            count = len(plan.updates)
            raise CommandError(
                ngettext(
                    "%(count)d existing book would be changed as shown above; nothing was written. "
                    "Run again with --update to change it.",
                    "%(count)d existing books would be changed as shown above; nothing was written. "
                    "Run again with --update to change them.",
                    count,
                )
                % {"count": count}
            )
        if not dry_run:
            with tqdm(total=len(plan.rows), desc=_("Importing"), unit=_("row"), disable=verbosity < 1) as bar:
                try:
                    apply_import(plan, progress=bar.update, update_existing=update, room=room)
                except ImportRefused:
                    self.refuse(plan)
        if dry_run:
            message = _(
                "Would create %(create)d books and update %(update)d; %(unchanged)d unchanged. Nothing written."
            )
        else:
            message = _("Created %(create)d books and updated %(update)d; %(unchanged)d unchanged.")
        self.stdout.write(self.style.SUCCESS(message % summary))
        if plan.copies_added:
            self.stdout.write(_("Added %(copies)d copies (册数).") % {"copies": plan.copies_added})

    def refuse(self, plan):
        for row in plan.errors:
            self.stderr.write(_("Row %(line)d: %(errors)s") % {"line": row.line, "errors": "; ".join(row.errors)})
        raise CommandError(
            _("%(count)d rows have errors; no book was imported. Correct the file and import it again.")
            % {"count": len(plan.errors)}
        )

    def find_room(self, wanted):
        if not wanted:
            return None
        choices = room_choices()
        for value, label in choices:
            if wanted in (value, str(label)):
                return value
        raise CommandError(
            _("Unknown reading room “%(room)s”. Use one of: %(rooms)s.")
            % {"room": wanted, "rooms": "、".join(str(label) for _value, label in choices) or _("none")}
        )
