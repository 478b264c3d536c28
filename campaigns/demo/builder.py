"""Builds the demo campaigns (the 2024 one and the running one, with their phases, events and the
questionnaire) and the news reports, one of them waiting in 三审三校 (campaigns/demo/content.py).

The campaign index and the report index go under the home page the caller passes in.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.test.utils import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from booklists.models import Book, Category
from campaigns import services
from campaigns.choices import PhaseKind
from campaigns.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPhase,
    EssayEntry,
    EventIndexPage,
    EventPage,
    QuestionnaireField,
    QuestionnairePage,
    ReadingChallengePage,
    Registration,
)
from campaigns.services import submit_essay_entry
from notes.demo.builder import NotesDemo
from notes.models import ReadingNote
from portal.demo import local_datetime, parse_date

from . import content, content_en


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


def build(run, home, editor):
    """Campaigns, events, questionnaire and reports; returns (campaign index, {"2024": …, "current": …}).

    `editor` (a 宣传编辑) submits the pending report to the review workflow.
    """
    spec = content.CAMPAIGN_INDEX
    campaign_index = run.page(
        home, CampaignIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
    )
    campaigns = {
        "2024": build_campaign_2024(run, campaign_index),
        "current": build_current_campaign(run, campaign_index),
    }
    build_articles(run, home, campaigns, editor)
    return campaign_index, campaigns


def phases(specs):
    return [
        CampaignPhase(kind=kind, start_date=start, end_date=end, description=description, sort_order=order)
        for order, (kind, start, end, description) in enumerate(specs)
    ]


def build_campaign_2024(run, campaign_index):
    spec = content.CAMPAIGN_2024
    gallery = build_gallery_2024(run)
    campaign = run.page(
        campaign_index,
        CampaignPage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        theme=spec["theme"],
        organiser=spec["organiser"],
        start_date=parse_date(spec["start_date"]),
        end_date=parse_date(spec["end_date"]),
        body=run.stream(spec["body"]),
        outcome_summary=content.GALLERY_2024["summary"],
        outcome_gallery=gallery,
        children={
            "phases": phases(
                (p["kind"], parse_date(p["start_date"]), parse_date(p["end_date"]), p["description"])
                for p in spec["phases"]
            )
        },
    )
    if campaign.outcome_gallery_id != gallery.pk:  # a campaign of an older demo: give it its 成果展示
        campaign.outcome_gallery = gallery
        campaign.outcome_summary = campaign.outcome_summary or content.GALLERY_2024["summary"]
        run.publish(campaign)
        run.count(run.updated, "页面")
        run.refs["gallery_added"] = True
    events = build_event_index(run, campaign)
    for event in content.EVENTS_2024:
        start, end = event["start"].split(" "), event["end"].split(" ")
        build_event(
            run,
            events,
            event,
            local_datetime(parse_date(start[0]), start[1]),
            local_datetime(parse_date(end[0]), end[1]),
        )
    run.refs["questionnaire"] = build_questionnaire(run, campaign)
    build_challenge_2024(run, campaign)
    if getattr(campaign, "demo_created", False):
        # Now that the questionnaire exists, add the call to action that links to it.
        campaign.body = run.stream(spec["body"])
        run.publish(campaign)
    return campaign


POSTER_SIZE = (1200, 800)
POSTER_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def poster(lines, colour):
    """A simple poster (JPEG bytes): two lines of text on a coloured ground with a frame, drawn
    in WenQuanYi Micro Hei when the machine has it (Pillow's own font otherwise)."""
    width, height = POSTER_SIZE
    image = Image.new("RGB", POSTER_SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, width - 40, height - 40), outline="#f3d9a4", width=6)
    draw.rectangle((64, 64, width - 64, height - 64), outline="#f3d9a4", width=2)

    def font(size):
        try:
            return ImageFont.truetype(POSTER_FONT, size)
        except OSError:
            return ImageFont.load_default(size=size)

    for text, size, y in ((lines[0], 120, height * 0.36), (lines[1], 96, height * 0.6)):
        face = font(size)
        box = draw.textbbox((0, 0), text, font=face)
        draw.text(((width - (box[2] - box[0])) / 2, y - (box[3] - box[1]) / 2), text, font=face, fill="#ffffff")
    small = font(36)
    caption = "2024年度“书香机关”创建活动"
    box = draw.textbbox((0, 0), caption, font=small)
    draw.text(((width - (box[2] - box[0])) / 2, height - 140), caption, font=small, fill="#f3d9a4")
    stream = io.BytesIO()
    image.save(stream, "JPEG", quality=85)
    return stream.getvalue()


def build_gallery_2024(run):
    """The 2024 campaign's photo gallery: an image collection with drawn posters (content.GALLERY_2024).

    Looked up by collection name and photo title, so a second run creates nothing. The files go
    through the image field's storage (default_storage), so shared storage works too.
    """
    spec = content.GALLERY_2024
    root = Collection.get_first_root_node()
    gallery = root.get_children().filter(name=spec["collection"]).first()
    if gallery is None:
        gallery = root.add_child(name=spec["collection"])
        run.count(run.created, "图片集")
    else:
        run.count(run.skipped, "图片集")
    images = get_image_model().objects
    existing = set(images.filter(collection=gallery).values_list("title", flat=True))
    for number, photo in enumerate(spec["photos"], start=1):
        if photo["title"] in existing:
            run.count(run.skipped, "图片")
            continue
        file = ImageFile(io.BytesIO(poster(photo["lines"], photo["colour"])), name=f"campaign-2024-{number}.jpg")
        images.create(title=photo["title"], description=photo["description"], file=file, collection=gallery)
        run.count(run.created, "图片")
    return gallery


def build_event_index(run, campaign):
    spec = content.EVENT_INDEX
    return run.page(campaign, EventIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"])


def registration_settings(spec, start_time):
    """The event's 报名 fields from its spec: capacity and deadline (days before, local time)."""
    registration = spec.get("registration")
    if not registration:
        return {}
    deadline = None
    if "deadline_days" in registration:
        day = timezone.localtime(start_time).date() - datetime.timedelta(days=registration["deadline_days"])
        deadline = local_datetime(day, registration["deadline_time"])
    return {"takes_registrations": True, "capacity": registration["capacity"], "registration_deadline": deadline}


def build_event(run, event_index, spec, start_time, end_time):
    registration_fields = registration_settings(spec, start_time)
    entries_close = None
    if spec.get("entries_close"):
        day, time = spec["entries_close"].split(" ")
        entries_close = local_datetime(parse_date(day), time)
    event = run.page(
        event_index,
        EventPage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        kind=spec["kind"],
        start_time=start_time,
        end_time=end_time,
        entries_close=entries_close,
        place=spec["place"],
        speaker=spec["speaker"],
        body=run.stream(spec["body"]),
        **registration_fields,
    )
    if registration_fields and not event.takes_registrations:
        # A demo built before events took registrations: open this one, in every language.
        for page in EventPage.objects.filter(translation_key=event.translation_key):
            for name, value in registration_fields.items():
                setattr(page, name, value)
            run.publish(page)
        event.refresh_from_db()
    if entries_close and event.entries_close is None:
        # A demo built before essay contests had a deadline.
        event.entries_close = entries_close
        run.publish(event)
        run.count(run.updated, "页面")
    return event


def build_registrations(run, campaign, people, organiser):
    """The demo's registrations (content.REGISTRATIONS): the upcoming session's through the sign-up
    rules; the past session's as they were, with the check-ins at the door. Idempotent."""
    created = skipped = 0
    event_index = EventIndexPage.objects.child_of(campaign).first()
    for slug, spec in content.REGISTRATIONS.items():
        event = EventPage.objects.child_of(event_index).filter(slug=slug).first() if event_index else None
        if event is None or not event.takes_registrations:
            continue
        signed_up = set(Registration.objects.filter(event=event).values_list("user__staff_number", flat=True))
        attended = set(spec.get("attended", []))
        for order, number in enumerate(spec["confirmed"]):
            user = people.get(number)
            if user is None:
                continue
            if number in signed_up:
                skipped += 1
                continue
            if event.registration_open:
                services.sign_up(event, user)
            else:
                came = number in attended
                Registration.objects.create(
                    event=event,
                    user=user,
                    created_at=event.start_time - datetime.timedelta(days=7, minutes=-order * 13),
                    attended_at=event.start_time + datetime.timedelta(minutes=order % 10) if came else None,
                    checked_in_by=organiser if came else None,
                )
            created += 1
    run.tally("活动报名", created, skipped)


def build_essay_entries(run, people, moderator):
    """征文: the 2024 essay contest's entries, each a reading note approved by the demo moderator.

    Submitted through campaigns.services as on the site (a day before the deadline), then dated
    to when they were "written" (content.ESSAY_ENTRIES). An author's existing entry is left alone.
    """
    event = EventPage.objects.filter(slug=content.ESSAY_CONTEST_SLUG, locale__language_code="zh-hans").first()
    if event is None:
        return
    entered = set(EssayEntry.objects.filter(event=event).values_list("author__staff_number", flat=True))
    books = {}
    for book in Book.objects.catalogue().filter(title__in={spec["book"] for spec in content.ESSAY_ENTRIES}):
        books.setdefault(book.title, book)
    created = skipped = 0
    for spec in content.ESSAY_ENTRIES:
        author, book = people.get(spec["author"]), books.get(spec["book"])
        if author is None or book is None:
            continue
        if spec["author"] in entered:
            skipped += 1
            continue
        written = local_datetime(parse_date(spec["date"]), "20:30")
        NotesDemo.clear_rate_limit(author)
        entry = submit_essay_entry(
            event,
            author,
            book=book,
            title=spec["title"],
            body="".join(f"<p>{text}</p>" for text in spec["body"]),
            quote=spec["quote"],
            now=written,
        )
        NotesDemo.clear_rate_limit(author)  # the demo does not use up the employee's own allowance
        note = entry.note
        task_state = note.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")
        approved = written + datetime.timedelta(days=2, hours=-10)
        ReadingNote.objects.filter(pk=note.pk).update(
            created_at=written - datetime.timedelta(hours=3),
            submitted_at=written,
            first_published_at=approved,
            last_published_at=approved,
        )
        EssayEntry.objects.filter(pk=entry.pk).update(submitted_at=written)
        created += 1
    run.tally("征文投稿", created, skipped)


def build_questionnaire(run, campaign):
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
    return run.page(
        campaign,
        QuestionnairePage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        thank_you_text=spec["thank_you_text"],
        search_description="请用两分钟告诉我们您对读书活动的意见。",
        children={"form_fields": fields},
    )


def build_current_campaign(run, campaign_index):
    spec = content.CURRENT_CAMPAIGN
    today = run.today
    dates = current_campaign_dates(today)
    phase_specs = [(kind, *dates[kind], spec["phases"][kind.value]) for kind in PhaseKind]
    campaign = run.page(
        campaign_index,
        CampaignPage,
        str(today.year),
        title=spec["title"].format(year=today.year),
        intro=spec["intro"],
        theme=spec["theme"],
        organiser=spec["organiser"],
        start_date=dates["start"],
        end_date=dates["end"],
        body=run.stream(spec["body"]),
        children={"phases": phases(phase_specs)},
    )
    phase = campaign.current_phase(today)
    if not getattr(campaign, "demo_created", False) and (phase is None or phase.kind != PhaseKind.IMPLEMENT):
        # Run on a later day: keep the demo's campaign in its 实施 phase.
        campaign.start_date, campaign.end_date = dates["start"], dates["end"]
        campaign.phases = phases(phase_specs)
        run.publish(campaign)
        run.count(run.updated, "页面")

    events = build_event_index(run, campaign)
    for event in content.EVENTS_CURRENT:
        day = today + datetime.timedelta(days=event["days"])
        build_event(
            run, events, event, local_datetime(day, event["start_time"]), local_datetime(day, event["end_time"])
        )
    build_current_challenge(run, campaign)
    return campaign


def build_challenge_2024(run, campaign):
    """The 2024 读书月 (4.23–5.23, one book and one note from everyone)."""
    spec = content.CHALLENGE_2024
    return run.page(
        campaign,
        ReadingChallengePage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        start_date=parse_date(spec["start_date"]),
        end_date=parse_date(spec["end_date"]),
        min_reads=spec["min_reads"],
        min_notes=spec["min_notes"],
        enrolment=spec["enrolment"],
        body=run.stream(spec["body"]),
    )


def current_challenge_dates(run, campaign):
    spec = content.CHALLENGE_CURRENT
    start = max(campaign.start_date, run.today - datetime.timedelta(days=spec["days_before"]))
    end = min(campaign.end_date, run.today + datetime.timedelta(days=spec["days_after"]))
    return start, end


def build_current_challenge(run, campaign):
    """A running challenge with self enrolment, limited to the 党建党史 category (participants: progress/demo)."""
    spec = content.CHALLENGE_CURRENT
    start, end = current_challenge_dates(run, campaign)
    category = Category.objects.get(code=spec["category"], locale=Locale.get_default())
    challenge = run.page(
        campaign,
        ReadingChallengePage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        start_date=start,
        end_date=end,
        min_reads=spec["min_reads"],
        min_notes=spec["min_notes"],
        category=category,
        enrolment=spec["enrolment"],
        body=run.stream(spec["body"]),
    )
    if not getattr(challenge, "demo_created", False) and challenge.end_date < run.today:
        # Run on a later day: keep the demo's challenge running.
        challenge.start_date, challenge.end_date = start, end
        run.publish(challenge)
        run.count(run.updated, "页面")
    return challenge


def article_fields(run, spec, campaigns):
    campaign = campaigns[spec["campaign"]]
    today = run.today
    if "date" in spec:
        date = parse_date(spec["date"])
    else:
        if "month_day" in spec:
            date = parse_date(f"{today.year}-{spec['month_day']}")
        else:
            date = today + datetime.timedelta(days=spec["days"])
        date = min(max(date, campaign.start_date), today)
    body = [("paragraph", "".join(f"<p>{text}</p>" for text in spec["paragraphs"]))]
    return {
        "title": spec["title"].format(year=today.year),
        "intro": spec["intro"],
        "date": date,
        "source": spec["source"],
        "author": spec["author"],
        "campaign": campaign,
        "body": run.stream(body),
        "first_published_at": local_datetime(date, "09:00"),
    }


def build_articles(run, home, campaigns, editor):
    spec = content.ARTICLE_INDEX
    article_index = run.page(
        home, ArticleIndexPage, spec["slug"], title=spec["title"], intro=spec["intro"], show_in_menus=True
    )
    for article in content.ARTICLES:
        fields = article_fields(run, article, campaigns)
        if fields["date"] > run.today:
            continue
        run.page(article_index, ArticlePage, article["slug"], tags=article["tags"], **fields)
    build_pending_article(run, article_index, campaigns, editor)


def build_pending_article(run, article_index, campaigns, editor):
    """A report the editor has submitted to 三审三校: it waits for the 初审 reviewers."""
    spec = content.PENDING_ARTICLE
    if ArticlePage.objects.child_of(article_index).filter(slug=spec["slug"]).exists():
        run.count(run.skipped, "待审稿件")
        return
    fields = article_fields(run, spec, campaigns)
    fields.pop("first_published_at")
    page = ArticlePage(slug=spec["slug"], owner=editor, live=False, **fields)
    page.tags.add(*spec["tags"])
    article_index.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise CommandError("No workflow applies to the reports: is campaigns 0002 (三审三校) applied?")
    # Reviewers would be emailed; on a demo machine that only floods the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        workflow.start(page, editor)
    run.count(run.created, "待审稿件")


# -- English ---------------------------------------------------------------------------------


def translate(run, locale, home):
    """Every campaign page and report in `locale` (content_en.py), parents before children."""
    campaign_index = CampaignIndexPage.objects.child_of(home).get(slug=content.CAMPAIGN_INDEX["slug"])
    run.translate(campaign_index, locale, content_en.CAMPAIGN_INDEX)
    campaigns = CampaignPage.objects.child_of(campaign_index)
    translate_campaign(
        run,
        locale,
        campaigns.get(slug=content.CAMPAIGN_2024["slug"]),
        content_en.CAMPAIGN_2024 | {"outcome_summary": content_en.GALLERY_2024["summary"]},
        refresh=run.refs.get("gallery_added", False),  # an older demo's English gets the gallery too
    )
    translate_campaign(run, locale, campaigns.get(slug=str(run.today.year)), content_en.CURRENT_CAMPAIGN)
    article_index = ArticleIndexPage.objects.child_of(home).get(slug=content.ARTICLE_INDEX["slug"])
    run.translate(article_index, locale, content_en.ARTICLE_INDEX)
    for article in ArticlePage.objects.child_of(article_index).live().order_by("path"):
        spec = content_en.ARTICLES[article.slug]
        body = [("paragraph", "".join(f"<p>{text}</p>" for text in spec["paragraphs"]))]
        translated = run.translate(
            article,
            locale,
            {
                "title": spec["title"].format(year=run.today.year),
                "intro": spec["intro"],
                "source": spec["source"],
                "author": spec["author"],
                "body": run.stream(body),
            },
        )
        english_tags(run, translated)


def english_tags(run, article):
    """The English report's tags in English (tags are not translated segments: each language has its own)."""
    names = [tag.name for tag in article.tags.all()]
    english = [content_en.TAGS.get(name, name) for name in names]
    if english != names:
        article.tags.set(english, clear=True)
        run.publish(article)


def translate_campaign(run, locale, campaign, spec, refresh=False):
    body = run.stream(spec["body"])
    run.translate(
        campaign,
        locale,
        {
            "title": spec["title"].format(year=run.today.year),
            "intro": spec["intro"],
            "theme": spec["theme"],
            "organiser": spec["organiser"],
            "body": body,
            "phases": [{"description": spec["phases"][phase.kind]} for phase in campaign.phases.all()],
            **({"outcome_summary": spec["outcome_summary"]} if campaign.outcome_summary else {}),
        },
        refresh=refresh,
    )
    events_by_slug = content_en.EVENTS_2024 | content_en.EVENTS_CURRENT
    for event_index in EventIndexPage.objects.child_of(campaign):
        run.translate(event_index, locale, content_en.EVENT_INDEX)
        for event in EventPage.objects.child_of(event_index).order_by("path"):
            event_spec = events_by_slug[event.slug]
            run.translate(
                event,
                locale,
                {
                    "title": event_spec["title"],
                    "intro": event_spec["intro"],
                    "place": event_spec["place"],
                    "speaker": event_spec["speaker"],
                    "body": run.stream(event_spec["body"]),
                },
            )
    challenges_by_slug = {
        content.CHALLENGE_2024["slug"]: content_en.CHALLENGE_2024,
        content.CHALLENGE_CURRENT["slug"]: content_en.CHALLENGE_CURRENT,
    }
    for challenge in ReadingChallengePage.objects.child_of(campaign).order_by("path"):
        challenge_spec = challenges_by_slug[challenge.slug]
        run.translate(
            challenge,
            locale,
            {
                "title": challenge_spec["title"],
                "intro": challenge_spec["intro"],
                "body": run.stream(challenge_spec["body"]),
            },
        )
    for questionnaire in QuestionnairePage.objects.child_of(campaign):
        spec = content_en.QUESTIONNAIRE
        run.translate(
            questionnaire,
            locale,
            {
                "title": spec["title"],
                "intro": spec["intro"],
                "thank_you_text": spec["thank_you_text"],
                "search_description": spec["search_description"],
                "form_fields": spec["fields"],
            },
        )
