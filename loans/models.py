"""Reading rooms, copies, loans, reservations and the notices they send."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from booklists.models import Book
from portal.collation import PinyinOrder
from portal.models import SharedCacheSettingMixin


class RoomKind(models.TextChoices):
    ROOM = "room", _("Staff reading room")
    CORNER = "corner", _("Reading corner")
    BOX = "box", _("Mobile book box")


class RoomOperator(models.TextChoices):
    UNION = "union", _("Run by the trade union")
    JOINT = "joint", _("Run jointly with an enterprise")
    COMMUNITY = "community", _("Run by the community")


class ReadingRoom(models.Model):
    """A place that holds copies (职工书屋 / 阅览角); a mobile book box (流动书箱) moves between departments."""

    name = models.CharField(pgettext_lazy("portal", "name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RoomKind.choices, default=RoomKind.ROOM)
    operator = models.CharField(_("run by"), max_length=10, choices=RoomOperator.choices, default=RoomOperator.UNION)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reading_rooms",
        help_text=_("For a mobile book box: the department it is with now."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("operator")]),
        FieldPanel("department"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("contact")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", PinyinOrder("name")]
        verbose_name = _("reading room")
        verbose_name_plural = _("reading rooms")

    def __str__(self):
        return self.name


class CopyStatus(models.TextChoices):
    ON_SHELF = "on_shelf", _("On the shelf")
    ON_LOAN = "on_loan", _("On loan")
    ON_HOLD = "on_hold", _("Held for a reservation")
    IN_TRANSIT = "in_transit", _("In transit")
    LOST = "lost", _("Lost")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Copies that are no longer lent: not counted in a room's holdings, never reserved.
UNUSABLE_COPY_STATUSES = (CopyStatus.LOST, CopyStatus.WITHDRAWN)


class CopyQuerySet(models.QuerySet):
    def usable(self):
        """Copies that can be lent some day: not lost, not withdrawn."""
        return self.exclude(status__in=UNUSABLE_COPY_STATUSES)

    def on_shelf(self):
        """Copies a reader can take home today (在架可借): on the shelf of a reading room that is open."""
        return self.filter(status=CopyStatus.ON_SHELF, current_room__is_active=True)


def books_on_shelf(books):
    """`books` (a Book queryset) narrowed to those with a copy on the shelf, in the same SQL query."""
    return books.filter(pk__in=Copy.objects.on_shelf().values("book_id"))


class Copy(models.Model):
    """One physical book (复本) with a barcode."""

    barcode = models.CharField(_("barcode"), max_length=40, unique=True)
    book = models.ForeignKey(Book, verbose_name=_("book"), on_delete=models.PROTECT, related_name="copies")
    home_room = models.ForeignKey(
        ReadingRoom, verbose_name=_("home room"), on_delete=models.PROTECT, related_name="home_copies"
    )
    current_room = models.ForeignKey(
        ReadingRoom, verbose_name=_("current room"), on_delete=models.PROTECT, related_name="copies"
    )
    status = models.CharField(_("status"), max_length=12, choices=CopyStatus.choices, default=CopyStatus.ON_SHELF)
    acquired_on = models.DateField(_("acquired on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = CopyQuerySet.as_manager()

    panels = [
        FieldPanel("barcode"),
        FieldPanel("book"),
        FieldRowPanel([FieldPanel("home_room"), FieldPanel("current_room")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("acquired_on")]),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["barcode"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        indexes = [models.Index(fields=["book", "current_room", "status"], name="copy_availability_idx")]

    def __str__(self):
        return f"{self.barcode} 《{self.book}》"


class CopyMovement(models.Model):
    """A copy moved to another room (调拨 / 流动书箱轮换), with who and when."""

    copy = models.ForeignKey(Copy, verbose_name=_("copy"), on_delete=models.CASCADE, related_name="movements")
    from_room = models.ForeignKey(ReadingRoom, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+")
    to_room = models.ForeignKey(ReadingRoom, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moved by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-moved_at", "-pk"]
        verbose_name = _("copy movement")
        verbose_name_plural = _("copy movements")

    def __str__(self):
        return f"{self.copy.barcode}: {self.from_room} → {self.to_room}"


class LoanQuerySet(models.QuerySet):
    # A loan is active until it is returned (also the condition of the one-active-loan-per-copy constraint).
    ACTIVE = Q(returned_at__isnull=True)

    def active(self):
        return self.filter(self.ACTIVE)

    def returned(self):
        return self.filter(returned_at__isnull=False)

    def overdue(self, today):
        """Active loans due before `today`."""
        return self.active().filter(due_on__lt=today)

    def with_waiting(self):
        """Annotate `waiting`: the reservations waiting for the loan's title (NULL when nobody waits)."""
        return self.annotate(waiting=Reservation.objects.waiting_count(OuterRef("book_id")))


class Loan(models.Model):
    """A copy lent to an employee. Active until returned."""

    copy = models.ForeignKey(Copy, verbose_name=_("copy"), on_delete=models.PROTECT, related_name="loans")
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("borrower"), on_delete=models.PROTECT, related_name="loans"
    )
    # Denormalised from the copy so statistics by book need no join through copies.
    book = models.ForeignKey(Book, verbose_name=_("book"), on_delete=models.PROTECT, related_name="loans")
    lent_at = models.DateTimeField(_("lent at"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("due on"), db_index=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    lent_in = models.ForeignKey(
        ReadingRoom, verbose_name=_("lent in"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_in = models.ForeignKey(
        ReadingRoom, verbose_name=_("returned in"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lent by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-lent_at", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        permissions = [("use_desk", "Can lend and take back books at the circulation desk")]
        constraints = [
            # The backstop behind the row lock: one copy is never lent twice.
            models.UniqueConstraint(fields=["copy"], condition=LoanQuerySet.ACTIVE, name="one_active_loan_per_copy"),
        ]
        indexes = [
            models.Index(fields=["borrower", "returned_at"], name="loan_borrower_active_idx"),
            models.Index(fields=["returned_at", "due_on"], name="loan_overdue_idx"),
            # The reading record's "first verified read of this title" anti-join (progress.record):
            # without it every read scans the borrower's loans (20,000 loans: 2.6 s → 0.12 s on SQLite).
            models.Index(fields=["borrower", "book", "lent_at"], name="loan_reader_title_idx"),
        ]

    def __str__(self):
        return f"{self.copy.barcode} → {self.borrower}"

    @property
    def is_active(self):
        return self.returned_at is None

    def days_left(self, today=None):
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def is_overdue(self):
        return self.is_active and self.due_on < timezone.localdate()


class ReservationStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    READY = "ready", _("Ready to collect")
    FULFILLED = "fulfilled", _("Collected")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Not collected in time")


ACTIVE_RESERVATION_STATUSES = (ReservationStatus.WAITING, ReservationStatus.READY)


class ReservationQuerySet(models.QuerySet):
    def active(self):
        """Waiting in the queue or ready to collect."""
        return self.filter(status__in=ACTIVE_RESERVATION_STATUSES)

    def waiting(self):
        return self.filter(status=ReservationStatus.WAITING)

    def ready(self):
        """On the holds shelf."""
        return self.filter(status=ReservationStatus.READY)

    def waiting_count(self, book):
        """A scalar subquery: how many of these reservations wait for `book` (a Book, a pk or an
        `OuterRef`), NULL when none do. For annotations such as `Loan.objects.with_waiting()`."""
        return Subquery(
            self.waiting().filter(book=book).order_by().values("book_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        )

    def with_queue_position(self):
        """Annotate `ahead`: waiting reservations for the same title made earlier (one query in all)."""
        earlier = (
            Reservation.objects.waiting()
            .filter(book_id=OuterRef("book_id"))
            .filter(
                Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("book_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(ahead=Coalesce(Subquery(earlier), 0))


class Reservation(models.Model):
    """A place in the queue for a title (预约); a returned copy is held for the first in line."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="reservations"
    )
    book = models.ForeignKey(Book, verbose_name=_("book"), on_delete=models.CASCADE, related_name="reservations")
    pickup_room = models.ForeignKey(
        ReadingRoom, verbose_name=_("pick up at"), on_delete=models.PROTECT, related_name="reservations"
    )
    created_at = models.DateTimeField(_("reserved at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ReservationStatus.choices, default=ReservationStatus.WAITING
    )
    held_copy = models.ForeignKey(
        Copy, verbose_name=_("held copy"), null=True, blank=True, on_delete=models.SET_NULL, related_name="holds"
    )
    hold_until = models.DateField(_("collect by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "book"],
                condition=Q(status__in=["waiting", "ready"]),
                name="one_active_reservation_per_title",
            ),
            models.UniqueConstraint(fields=["held_copy"], condition=Q(status="ready"), name="one_hold_per_copy"),
        ]
        indexes = [models.Index(fields=["book", "status", "created_at"], name="reservation_queue_idx")]

    def __str__(self):
        return f"{self.user} · 《{self.book}》"

    @property
    def is_active(self):
        return self.status in ACTIVE_RESERVATION_STATUSES


class NoticeKind(models.TextChoices):
    READY = "ready", _("Reservation ready to collect")
    DUE_SOON = "due_soon", _("Loan due soon")
    OVERDUE = "overdue", _("Loan overdue")
    HONOUR = "honour", _("Honour")
    PLAN = "plan", _("Reading plan")
    EVENT = "event", _("Event registration")


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """An in-site notice (also emailed). `key` makes each notice unique, so a
    command run twice sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    key = models.CharField(max_length=80, unique=True)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread_idx")]

    def __str__(self):
        return self.message


# Sensible bounds for each lending rule (a loan of 3,000,000 days overflows every date). The model validates them
# with a message and the database refuses anything outside them, whoever writes.
LENDING_RULE_BOUNDS = {
    "loan_days": (1, 365),
    "renewal_days": (1, 365),
    "max_renewals": (0, 20),
    "max_active_loans": (1, 100),
    "hold_days": (1, 60),
    "due_soon_days": (0, 60),
}


def _bounds(name):
    low, high = LENDING_RULE_BOUNDS[name]
    return [
        MinValueValidator(low, message=_("Enter %(limit_value)s or more.")),
        MaxValueValidator(high, message=_("Enter %(limit_value)s or less.")),
    ]


@register_setting(icon="calendar-alt")
class LendingRules(SharedCacheSettingMixin, BaseGenericSetting):
    """The reading room's lending rules, editable by staff."""

    loan_days = models.PositiveSmallIntegerField(_("loan period (days)"), default=30, validators=_bounds("loan_days"))
    renewal_days = models.PositiveSmallIntegerField(
        _("renewal period (days)"), default=30, validators=_bounds("renewal_days")
    )
    max_renewals = models.PositiveSmallIntegerField(
        _("renewals allowed"), default=1, validators=_bounds("max_renewals")
    )
    max_active_loans = models.PositiveSmallIntegerField(
        _("books on loan at once"), default=5, validators=_bounds("max_active_loans")
    )
    hold_days = models.PositiveSmallIntegerField(
        _("days to collect a reserved book"), default=3, validators=_bounds("hold_days")
    )
    due_soon_days = models.PositiveSmallIntegerField(
        _("remind this many days before due"), default=3, validators=_bounds("due_soon_days")
    )

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("loan_days"), FieldPanel("renewal_days"), FieldPanel("max_renewals")])],
            heading=_("Loans"),
        ),
        FieldPanel("max_active_loans"),
        FieldRowPanel([FieldPanel("hold_days"), FieldPanel("due_soon_days")]),
    ]

    class Meta:
        verbose_name = _("lending rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": low, f"{name}__lte": high}),
                name=f"lendingrules_{name}_bounds",
            )
            for name, (low, high) in LENDING_RULE_BOUNDS.items()
        ]
