"""Build the demo site: departments, a user for every role, pages, a questionnaire,
the book catalogue (imported from ``booklists/demo/catalogue.csv`` through the
same importer librarians use), the catalogue page and three recommended book
lists, English translations, site settings and one report waiting in the review
queue. Then the lending side (``loans/demo.py``): reading rooms and book boxes,
a copy for every 册数 of the catalogue, forty more employees, a year of loan
history and the current loans, queue and holds shelf, made through the lending
rules; and the notes side (``notes/demo/``): the 读书心得 page and
about forty reading notes, submitted, reviewed, marked 优秀 and liked through the
same services the site uses.

    manage.py load_demo

Every user's password is ``shuxiang2024`` (see ``home/demo_content.py``, which
holds all the texts). The command is idempotent: it looks things up by name,
staff number, slug, barcode or note title and skips what exists (the loan
history is written once, from a seeded generator; the current loans and
reservations once, when there are none), so running it again creates nothing
(it only moves the running campaign's phase dates if today has left its
实施 phase). Demo pages are published directly, bypassing 三审三校, except one
report that the editor submits to the workflow so reviewers see it under
“Awaiting your review”.

It refuses to run with production settings, because it creates a superuser
with a published password, unless ``--allow-production`` is given.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Site
from wagtail.search import index

from booklists.demo import content as book_content
from booklists.importer import ImportFileError, apply_import, plan_import, read_table
from booklists.models import Book, BookListIndexPage, BookListItem, BookListPage, CataloguePage
from campaigns.choices import PhaseKind
from campaigns.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPhase,
    EventIndexPage,
    EventPage,
    QuestionnaireField,
    QuestionnairePage,
)
from home import demo_content as content
from home.models import HomePage, SiteSettings, StandardPage
from loans.demo import builder as lending_demo
from notes.demo import builder as demo_notes
from people.models import Department, User


def parse_date(value):
    return datetime.date.fromisoformat(value)


def local_datetime(day, hhmm):
    """An aware datetime at a local wall-clock time (TIME_ZONE, Asia/Shanghai)."""
    time = datetime.time.fromisoformat(hhmm)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def current_campaign_dates(today):
    """Dates of a campaign in the current year whose 实施 phase contains today.

    Normally 1 Jan – 31 Dec with 实施 from 1 March to 30 November; near the ends of
    the year the phases stretch (and the campaign with them) so that today and the
    next three weeks fall in 实施, with at least two weeks of preparation before it
    and a week of evaluation after it.
    """
    one_day = datetime.timedelta(days=1)
    implement_start = min(datetime.date(today.year, 3, 1), today - datetime.timedelta(days=14))
    implement_end = max(datetime.date(today.year, 11, 30), today + datetime.timedelta(days=21))
    start = min(datetime.date(today.year, 1, 1), implement_start - datetime.timedelta(days=14))
    end = max(datetime.date(today.year, 12, 31), implement_end + datetime.timedelta(days=7))
    return {
        "start": start,
        "end": end,
        PhaseKind.PREPARE: (start, implement_start - one_day),
        PhaseKind.IMPLEMENT: (implement_start, implement_end),
        PhaseKind.EVALUATE: (implement_end + one_day, end),
    }


class Command(BaseCommand):
    help = (
        "Build the demo site (departments, demo users for every role with password "
        f"{content.DEMO_PASSWORD}, campaigns, events, reports, questionnaire, English pages). "
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
        self.created = {}
        self.skipped = {}
        self.updated = {}
        self.labels = {}  # in the order things were built
        self.touched_pages = []
        self.warnings = []
        self.today = timezone.localdate()

        # Notices, workflow and lending mails would go to the console or a real server:
        # the demo's addresses are made up, so nothing is sent while building it.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            self.build()

        # The pages are indexed by signal handlers too; doing it here makes search
        # work at once whatever task backend is configured.
        for page in self.touched_pages:
            index.insert_or_update_object(page)
        self.print_summary()

    # -- bookkeeping --------------------------------------------------------

    def count(self, bucket, label):
        self.labels.setdefault(label)
        bucket[label] = bucket.get(label, 0) + 1

    def tally(self, label, created, skipped):
        """Record counts reported by the lending and notes builders."""
        self.labels.setdefault(label)
        for bucket, number in ((self.created, created), (self.skipped, skipped)):
            if number or label not in bucket:
                bucket[label] = bucket.get(label, 0) + number

    def print_summary(self):
        labels = list(self.labels)
        self.stdout.write(self.style.MIGRATE_HEADING("演示数据 / demo data:"))
        for label in labels:
            line = f"  {label}: 新建 {self.created.get(label, 0)}，已存在 {self.skipped.get(label, 0)}"
            if self.updated.get(label):
                line += f"，更新 {self.updated[label]}"
            self.stdout.write(line)
        for warning in self.warnings:
            self.stdout.write(self.style.WARNING(f"  注意：{warning}"))
        total = sum(self.created.values())
        if total:
            self.stdout.write(self.style.SUCCESS(f"演示站点已建好：新建 {total} 项。"))
        else:
            self.stdout.write(self.style.SUCCESS("演示站点已存在，没有新建任何内容。"))

    # -- the build ------------------------------------------------------------

    def build(self):
        self.departments = self.build_departments()
        self.users = self.build_users()
        self.admin = self.users["admin"]
        self.editor = self.users["E1001"]
        self.refs = {}  # pages that bodies link to, by key

        home = HomePage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        if home is None:
            raise CommandError("No HomePage: run `manage.py migrate` first (home 0002 creates it).")
        self.home = home

        self.build_site_settings()
        for spec in content.STANDARD_PAGES:
            self.refs[spec["key"]] = self.build_standard_page(spec)
        campaign_index = self.page(
            home,
            CampaignIndexPage,
            content.CAMPAIGN_INDEX["slug"],
            title=content.CAMPAIGN_INDEX["title"],
            intro=content.CAMPAIGN_INDEX["intro"],
            show_in_menus=True,
        )
        campaign_2024 = self.build_campaign_2024(campaign_index)
        current = self.build_current_campaign(campaign_index)
        campaigns = {"2024": campaign_2024, "current": current}
        self.build_articles(home, campaigns)
        self.import_catalogue()
        catalogue = self.build_catalogue_page(home)
        book_list_index = self.build_book_lists(home, campaigns)
        demo_notes.notes_index(self.page, home)
        self.build_home(home)
        self.build_translations(home, campaign_index, campaign_2024, catalogue, book_list_index)
        self.build_lending_and_notes(campaigns)

    def build_departments(self):
        departments = {}
        for order, spec in enumerate(content.DEPARTMENTS):
            department, created = Department.objects.get_or_create(
                name=spec["name"],
                defaults={"code": spec["code"], "headcount": spec["headcount"], "sort_order": order},
            )
            self.count(self.created if created else self.skipped, "部门")
            departments[spec["name"]] = department
        return departments

    def build_users(self):
        users = {}
        for spec in content.USERS:
            user = User.objects.filter(staff_number=spec["staff_number"]).first()
            if user is None:
                fields = {
                    "real_name": spec["real_name"],
                    "department": self.departments.get(spec["department"]),
                }
                if spec.get("superuser"):
                    user = User.objects.create_superuser(
                        spec["staff_number"], spec["email"], content.DEMO_PASSWORD, **fields
                    )
                else:
                    user = User.objects.create_user(
                        spec["staff_number"], spec["email"], content.DEMO_PASSWORD, **fields
                    )
                self.count(self.created, "用户")
            else:
                self.count(self.skipped, "用户")
            if spec["groups"]:
                # The groups come from people 0002; a missing one is a broken database.
                user.groups.add(*[Group.objects.get(name=name) for name in spec["groups"]])
            users[spec["staff_number"]] = user
        return users

    def build_employees(self):
        """The ordinary employees of the lending and notes demo (E2001…), all with the demo password."""
        existing = {user.staff_number: user for user in User.objects.filter(staff_number__startswith="E2")}
        password = make_password(content.DEMO_PASSWORD)  # hashed once: 40 hashes would take seconds
        employees = {}
        for staff_number, name, department in content.EMPLOYEES:
            user = existing.get(staff_number)
            if user is None:
                user = User(
                    staff_number=staff_number,
                    real_name=name,
                    department=self.departments[department],
                    email=f"{staff_number.lower()}@example.gov.cn",
                    password=password,
                )
                user.save()
                self.count(self.created, "用户")
            else:
                self.count(self.skipped, "用户")
            employees[staff_number] = user
        return employees

    def build_lending_and_notes(self, campaigns):
        employees = self.build_employees()
        # Everyone but the administrator borrows and writes: the demo users and the employees.
        people = {**{k: v for k, v in self.users.items() if k != "admin"}, **employees}
        lending = lending_demo.LendingDemo(
            self.departments, people, librarian=self.users["E1006"], tally=self.tally, today=self.today
        )
        lending.build()
        self.warnings += lending.warnings
        problems = lending_demo.check_consistency()
        if problems:
            raise CommandError("借阅演示数据不一致: " + "; ".join(problems))
        demo_notes.NotesDemo(people, moderator=self.users["E1005"], campaigns=campaigns, tally=self.tally).build()

    def build_site_settings(self):
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if site_settings.organisation:
            self.count(self.skipped, "站点设置")
            return
        for field, value in content.SITE_SETTINGS.items():
            setattr(site_settings, field, value)
        site_settings.save()
        self.count(self.created, "站点设置")

    # -- pages ---------------------------------------------------------------

    def stream(self, blocks):
        """Raw StreamField data from (type, value) pairs; page references become ids."""
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
        """The child of `parent` with this slug; created and published if missing."""
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

    def build_standard_page(self, spec):
        return self.page(
            self.home,
            StandardPage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            show_in_menus=spec["show_in_menus"],
            body=self.stream(spec["body"]),
        )

    def phases(self, specs):
        return [
            CampaignPhase(kind=kind, start_date=start, end_date=end, description=description, sort_order=order)
            for order, (kind, start, end, description) in enumerate(specs)
        ]

    def build_campaign_2024(self, campaign_index):
        spec = content.CAMPAIGN_2024
        campaign = self.page(
            campaign_index,
            CampaignPage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            theme=spec["theme"],
            organiser=spec["organiser"],
            start_date=parse_date(spec["start_date"]),
            end_date=parse_date(spec["end_date"]),
            body=self.stream(spec["body"]),
            children={
                "phases": self.phases(
                    (p["kind"], parse_date(p["start_date"]), parse_date(p["end_date"]), p["description"])
                    for p in spec["phases"]
                )
            },
        )
        events = self.event_index(campaign)
        for event in content.EVENTS_2024:
            start, end = event["start"].split(" "), event["end"].split(" ")
            self.event(
                events,
                event,
                local_datetime(parse_date(start[0]), start[1]),
                local_datetime(parse_date(end[0]), end[1]),
            )
        self.refs["questionnaire"] = self.build_questionnaire(campaign)
        if getattr(campaign, "demo_created", False):
            # Now that the questionnaire exists, add the call to action that links to it.
            campaign.body = self.stream(spec["body"])
            self.publish(campaign)
        return campaign

    def event_index(self, campaign):
        spec = content.EVENT_INDEX
        return self.page(campaign, EventIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"])

    def event(self, event_index, spec, start_time, end_time):
        return self.page(
            event_index,
            EventPage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            kind=spec["kind"],
            start_time=start_time,
            end_time=end_time,
            place=spec["place"],
            speaker=spec["speaker"],
            body=self.stream(spec["body"]),
        )

    def build_questionnaire(self, campaign):
        spec = content.QUESTIONNAIRE
        fields = [
            QuestionnaireField(
                sort_order=order,
                clean_name=field["name"],
                label=field["label"],
                field_type=field["field_type"],
                required=field["required"],
                choices=field.get("choices", ""),
                help_text=field.get("help_text", ""),
            )
            for order, field in enumerate(spec["fields"])
        ]
        return self.page(
            campaign,
            QuestionnairePage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            thank_you_text=spec["thank_you_text"],
            search_description="请用两分钟告诉我们您对读书活动的意见。",
            children={"form_fields": fields},
        )

    def build_current_campaign(self, campaign_index):
        spec = content.CURRENT_CAMPAIGN
        dates = current_campaign_dates(self.today)
        phase_specs = [(kind, *dates[kind], spec["phases"][kind.value]) for kind in PhaseKind]
        campaign = self.page(
            campaign_index,
            CampaignPage,
            str(self.today.year),
            title=spec["title"].format(year=self.today.year),
            intro=spec["intro"],
            theme=spec["theme"],
            organiser=spec["organiser"],
            start_date=dates["start"],
            end_date=dates["end"],
            body=self.stream(spec["body"]),
            children={"phases": self.phases(phase_specs)},
        )
        phase = campaign.current_phase(self.today)
        if not getattr(campaign, "demo_created", False) and (phase is None or phase.kind != PhaseKind.IMPLEMENT):
            # Run on a later day: keep the demo's campaign in its 实施 phase.
            campaign.start_date, campaign.end_date = dates["start"], dates["end"]
            campaign.phases = self.phases(phase_specs)
            self.publish(campaign)
            self.count(self.updated, "页面")

        events = self.event_index(campaign)
        for event in content.EVENTS_CURRENT:
            day = self.today + datetime.timedelta(days=event["days"])
            self.event(events, event, local_datetime(day, event["start_time"]), local_datetime(day, event["end_time"]))
        return campaign

    def article_fields(self, spec, campaigns):
        campaign = campaigns[spec["campaign"]]
        if "date" in spec:
            date = parse_date(spec["date"])
        else:
            if "month_day" in spec:
                date = parse_date(f"{self.today.year}-{spec['month_day']}")
            else:
                date = self.today + datetime.timedelta(days=spec["days"])
            date = min(max(date, campaign.start_date), self.today)
        body = [("paragraph", "".join(f"<p>{text}</p>" for text in spec["paragraphs"]))]
        return {
            "title": spec["title"].format(year=self.today.year),
            "intro": spec["intro"],
            "date": date,
            "source": spec["source"],
            "author": spec["author"],
            "campaign": campaign,
            "body": self.stream(body),
            "first_published_at": local_datetime(date, "09:00"),
        }

    def build_articles(self, home, campaigns):
        spec = content.ARTICLE_INDEX
        article_index = self.page(
            home, ArticleIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
        )
        for article in content.ARTICLES:
            fields = self.article_fields(article, campaigns)
            if fields["date"] > self.today:
                continue
            self.page(article_index, ArticlePage, article["slug"], tags=article["tags"], **fields)
        self.build_pending_article(article_index, campaigns)

    def build_pending_article(self, article_index, campaigns):
        """A report the editor has submitted to 三审三校: it waits for the 初审 reviewers."""
        spec = content.PENDING_ARTICLE
        if ArticlePage.objects.child_of(article_index).filter(slug=spec["slug"]).exists():
            self.count(self.skipped, "待审稿件")
            return
        fields = self.article_fields(spec, campaigns)
        fields.pop("first_published_at")
        page = ArticlePage(slug=spec["slug"], owner=self.editor, live=False, **fields)
        page.tags.add(*spec["tags"])
        article_index.add_child(instance=page)
        page.save_revision(user=self.editor, log_action=True)
        workflow = page.get_workflow()
        if workflow is None:
            raise CommandError("No workflow applies to the reports: is campaigns 0002 (三审三校) applied?")
        # Reviewers would be emailed; on a demo machine that only floods the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            workflow.start(page, self.editor)
        self.count(self.created, "待审稿件")

    # -- catalogue and book lists --------------------------------------------

    def import_catalogue(self):
        """The demo catalogue, through the importer librarians use in the admin."""
        path = book_content.CATALOGUE_FILE
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
        for bucket, action in ((self.created, "create"), (self.skipped, "unchanged"), (self.updated, "update")):
            if summary[action]:
                bucket["图书"] = bucket.get("图书", 0) + summary[action]

    def build_catalogue_page(self, home):
        spec = book_content.CATALOGUE_PAGE
        return self.page(
            home, CataloguePage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
        )

    def book_list_items(self, spec):
        books = {}
        for book in Book.objects.catalogue().filter(title__in=[title for title, _reason in spec["items"]]):
            books.setdefault(book.title, book)
        missing = [title for title, _reason in spec["items"] if title not in books]
        if missing:
            raise CommandError(
                f"书单“{spec['title']}”中的图书不在目录中: {'、'.join(missing)}（见 {book_content.CATALOGUE_FILE}）"
            )
        return [
            BookListItem(book=books[title], reason=reason, sort_order=order)
            for order, (title, reason) in enumerate(spec["items"])
        ]

    def build_book_lists(self, home, campaigns):
        spec = book_content.BOOK_LIST_INDEX
        index_page = self.page(
            home, BookListIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
        )
        for spec in book_content.BOOK_LISTS:
            if BookListPage.objects.child_of(index_page).filter(slug=spec["slug"]).exists():
                self.count(self.skipped, "页面")
                continue
            fields = {
                "title": spec["title"],
                "intro": spec["intro"],
                "theme": spec["theme"],
                "introduction": spec["introduction"],
                "recommender_name": spec["recommender_name"],
                "recommender_title": spec["recommender_title"],
                "campaign": campaigns[spec["campaign"]] if spec["campaign"] else None,
                "children": {"items": self.book_list_items(spec)},
            }
            if spec["published"]:
                fields["first_published_at"] = local_datetime(parse_date(spec["published"]), "09:00")
            self.page(index_page, BookListPage, spec["slug"], **fields)
        return index_page

    def build_home(self, home):
        spec = content.HOME
        if home.figures:
            self.count(self.skipped, "首页内容")
            return
        home.hero_title = spec["hero_title"]
        home.hero_text = spec["hero_text"]
        home.intro = spec["intro"]
        home.figures = [{"type": "figures", "value": spec["figures"]}]
        home.body = self.stream(spec["body"])
        self.publish(home)
        self.count(self.created, "首页内容")

    # -- English ---------------------------------------------------------------

    def build_translations(self, home, campaign_index, campaign_2024, catalogue, book_list_index):
        english = Locale.objects.get(language_code="en")
        en = content.EN

        def translate(page, fields):
            existing = page.get_translation_or_none(english)
            if existing is not None:
                self.count(self.skipped, "英文页面")
                return existing
            # Parents first, so copy_parents never has to make placeholder aliases.
            translation = page.copy_for_translation(english, copy_parents=True)
            for field, value in fields.items():
                setattr(translation, field, value)
            self.publish(translation)
            self.count(self.created, "英文页面")
            return translation

        translate(
            home,
            {
                "title": en["home"]["title"],
                "draft_title": en["home"]["title"],
                "hero_title": en["home"]["hero_title"],
                "hero_text": en["home"]["hero_text"],
                "intro": en["home"]["intro"],
                "figures": [{"type": "figures", "value": en["home"]["figures"]}],
                "body": self.stream(en["home"]["body"]),
            },
        )
        translate(
            campaign_index,
            {
                "title": en["campaign_index"]["title"],
                "draft_title": en["campaign_index"]["title"],
                "intro": en["campaign_index"]["intro"],
            },
        )
        for page, spec in (
            (catalogue, book_content.EN["catalogue"]),
            (book_list_index, book_content.EN["book_list_index"]),
        ):
            translate(page, {"title": spec["title"], "draft_title": spec["title"], "intro": spec["intro"]})
        spec = en["campaign_2024"]
        if campaign_2024.get_translation_or_none(english) is None:
            phases = []
            for phase in campaign_2024.phases.all():
                phases.append(
                    CampaignPhase(
                        kind=phase.kind,
                        start_date=phase.start_date,
                        end_date=phase.end_date,
                        sort_order=phase.sort_order,
                        description=spec["phases"].get(phase.kind, phase.description),
                    )
                )
            translate(
                campaign_2024,
                {
                    "title": spec["title"],
                    "draft_title": spec["title"],
                    "theme": spec["theme"],
                    "organiser": spec["organiser"],
                    "intro": spec["intro"],
                    "body": self.stream(spec["body"]),
                    "phases": phases,
                },
            )
        else:
            self.count(self.skipped, "英文页面")
