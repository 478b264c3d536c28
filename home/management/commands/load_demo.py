"""Build the demo site: departments, a user for every role, pages, a questionnaire,
the book catalogue (imported from ``booklists/demo/catalogue.csv`` through the
same importer librarians use), the catalogue page and three recommended book
lists, English translations, site settings and one report waiting in the review
queue. Then the lending side (``loans/demo/``): reading rooms and book boxes,
a copy for every 册数 of the catalogue, forty more employees, a year of loan
history and the current loans, queue and holds shelf, made through the lending
rules; and the notes side (``notes/demo/``): the 读书心得 page and
about forty reading notes, submitted, reviewed, marked 优秀 and liked through the
same services the site uses; a few employees' reading plans and the participants of the running
themed reading challenge (``progress/demo/``) and the visits librarians recorded (``reports/demo/``).

    manage.py load_demo

Every user's password is ``shuxiang2024``. Each app's demo lives in ``<app>/demo/``: the
texts in ``content.py``, the code that builds them in ``builder.py``. This command only calls
the builders in dependency order (people, campaigns, booklists, notes, home, lending), passing
the pages and users each needs, and prints what one shared DemoRun (``portal/demo.py``) counted.

The command is idempotent: it looks things up by name, staff number, slug, barcode or note
title and skips what exists (the loan history is written once, from a seeded generator; the
current loans and reservations once, when there are none), so running it again creates
nothing (it only moves the running campaign's phase dates if today has left its 实施 phase).
Demo pages are published directly, bypassing 三审三校, except one report that the editor
submits to the workflow so reviewers see it under “Awaiting your review”.

It refuses to run with production settings, because it creates a superuser
with a published password, unless ``--allow-production`` is given.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale
from wagtail.search import index

from booklists.demo import builder as booklists_demo
from campaigns.demo import builder as campaigns_demo
from home.demo import builder as home_demo
from honours.demo.builder import build_honours
from loans.demo import builder as lending_demo
from notes.demo import builder as demo_notes
from people.demo import builder as people_demo
from people.demo.content import DEMO_PASSWORD
from portal.demo import DemoRun
from progress.demo.builder import build_challenge_participants, build_plans
from reports.demo.builder import build_visits


class Command(BaseCommand):
    help = (
        "Build the demo site (departments, demo users for every role with password "
        f"{DEMO_PASSWORD}, campaigns, events, reports, questionnaire, English pages). "
        "Idempotent: existing objects are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with production settings (it creates a superuser with a known password).",
        )

    def handle(self, *args, **options):
        settings_module = getattr(settings, "SETTINGS_MODULE", "") or ""
        if settings_module.endswith(".production") and not options["allow_production"]:
            raise CommandError(
                "load_demo creates users with a published password; refusing to run with production "
                "settings. Use --allow-production if you really mean it."
            )
        run = DemoRun()

        # Notices, workflow and lending mails would go to the console or a real server:
        # the demo's addresses are made up, so nothing is sent while building it.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            build(run)

        # The pages are indexed by signal handlers too; doing it here makes search
        # work at once whatever task backend is configured.
        for page in run.touched_pages:
            index.insert_or_update_object(page)
        for style, line in run.summary_lines():
            self.stdout.write(getattr(self.style, style)(line) if style else line)


def build(run):
    departments = people_demo.build_departments(run)
    users = people_demo.build_users(run, departments)
    home = home_demo.home_page()

    home_demo.build_site_settings(run)
    home_demo.build_standard_pages(run, home)
    campaign_index, campaigns = campaigns_demo.build(run, home, editor=users["E1001"])
    catalogue, book_list_index = booklists_demo.build(run, home, campaigns)
    demo_notes.notes_index(run.page, home)
    home_demo.build_home(run, home)

    people = build_lending_and_notes(run, departments, users, campaigns)
    campaigns_demo.build_registrations(run, campaigns["current"], people, organiser=users["E1001"])
    # Reading plans after the loans: their progress counts the verified reads above.
    build_plans(today=run.today, tally=run.tally)
    # Participants of the running themed reading challenge (its page is built with the campaigns).
    build_challenge_participants(today=run.today, tally=run.tally)
    # The honour wall last: its rounds are computed from the loans and notes above.
    build_honours(home, editor=users["E1001"], today=run.today, tally=run.tally)
    # 到馆人次 the librarian recorded, shown on the home page's live figures.
    build_visits(users["E1006"], today=run.today, tally=run.tally)

    # English, through wagtail-localize: the home page first, so every other translation finds its parent.
    english = Locale.objects.get(language_code="en")
    home_demo.translate(run, english, home)
    home_demo.build_site_text(run, english)
    campaigns_demo.translate(run, english, home)
    booklists_demo.translate(run, english, catalogue, book_list_index)
    home_demo.translate_section_pages(run, english, home)


def build_lending_and_notes(run, departments, users, campaigns):
    employees = people_demo.build_employees(run, departments)
    # Everyone but the administrator borrows and writes: the demo users and the employees.
    people = {**{k: v for k, v in users.items() if k != "admin"}, **employees}
    lending = lending_demo.LendingDemo(departments, people, librarian=users["E1006"], tally=run.tally, today=run.today)
    lending.build()
    run.warnings += lending.warnings
    problems = lending_demo.check_consistency()
    if problems:
        raise CommandError("借阅演示数据不一致: " + "; ".join(problems))
    # 征文: the 2024 essay contest's entries are reading notes too (approved by the demo moderator),
    # made before the other notes so that the same run gives them their likes.
    campaigns_demo.build_essay_entries(run, people, moderator=users["E1005"])
    demo_notes.NotesDemo(people, moderator=users["E1005"], campaigns=campaigns, tally=run.tally).build()
    return people
