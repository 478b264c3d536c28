from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    """The three phases every campaign runs through, in this order."""

    PREPARE = "prepare", _("Preparation")
    IMPLEMENT = "implement", _("Implementation")
    EVALUATE = "evaluate", _("Summary and evaluation")


class EventKind(models.TextChoices):
    SHARING = "sharing", _("Book sharing session")
    ESSAY = "essay", _("Essay contest")
    RECITATION = "recitation", _("Recitation contest")
    LECTURE = "lecture", _("Lecture")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Signed up")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Enrolment(models.TextChoices):
    """Who takes part in a themed reading challenge."""

    SELF = "self", _("Employees join themselves")
    EVERYONE = "everyone", _("Every employee takes part")
