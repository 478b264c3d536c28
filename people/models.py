from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.collation import PinyinOrder
from portal.text import normalize_identifier


class Department(models.Model):
    """A department (部门); its headcount makes per-capita rankings fair."""

    name = models.CharField(pgettext_lazy("portal", "name"), max_length=100, unique=True)
    code = models.CharField(_("code"), max_length=20, blank=True)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", PinyinOrder("name")]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


staff_number_validator = RegexValidator(
    r"^[A-Za-z0-9_-]{2,30}$",
    _("A staff number has 2–30 letters, digits, hyphens or underscores."),
)


def staff_number_key(value):
    """How a staff number is compared: `e1007`, ` E1007 ` and `E1007` are one account."""
    return normalize_identifier(value).upper() if isinstance(value, str) else value


class StaffUserManager(UserManager):
    def get_by_natural_key(self, staff_number):
        """Find the employee whatever case the staff number is typed in (the log-in looks up here).

        Compares on UPPER(staff_number), which the case-insensitive unique index covers.
        """
        return self.alias(staff_number_key=Upper("staff_number")).get(staff_number_key=staff_number_key(staff_number))

    def create_user(self, staff_number, email=None, password=None, **extra_fields):
        return super().create_user(staff_number, email, password, **extra_fields)

    def create_superuser(self, staff_number, email=None, password=None, **extra_fields):
        return super().create_superuser(staff_number, email, password, **extra_fields)

    def _create_user_object(self, staff_number, email, password, **extra_fields):
        if not staff_number:
            raise ValueError("A staff number is required")
        user = self.model(staff_number=staff_number, email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        return user


class User(AbstractUser):
    """An employee (职工). The staff number (工号) is the login name."""

    username = None
    staff_number = models.CharField(_("staff number"), max_length=30, unique=True, validators=[staff_number_validator])
    real_name = models.CharField(_("real name"), max_length=50, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    hide_from_rankings = models.BooleanField(
        _("leave me out of public rankings"),
        default=False,
        help_text=_("Your name is not shown in public rankings; your reading still counts for your department."),
    )

    USERNAME_FIELD = "staff_number"
    REQUIRED_FIELDS = ["email"]

    objects = StaffUserManager()

    class Meta:
        ordering = ["staff_number"]
        constraints = [
            # `e1007` logs in as `E1007`, so two accounts may not differ only in case.
            models.UniqueConstraint(
                Upper("staff_number"),
                name="people_user_staff_number_ci_unique",
                violation_error_message=_("An employee with this staff number already exists."),
            )
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.real_name or self.get_full_name() or self.staff_number

    def get_full_name(self):
        return self.real_name or super().get_full_name()

    def get_short_name(self):
        return self.real_name or self.staff_number
