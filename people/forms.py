from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from .lockout import LockoutMessageMixin
from .models import Department

STAFF_FIELDS = ("real_name", "department")


class StaffFieldsMixin(forms.Form):
    real_name = forms.CharField(label=_("real name"), max_length=50, required=True)
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.all(), required=False)


class StaffUserCreationForm(StaffFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(STAFF_FIELDS)


class StaffUserEditForm(StaffFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(STAFF_FIELDS)


class StaffLoginForm(LockoutMessageMixin, AuthenticationForm):
    """Log in with the staff number (工号), in any case; locked out after repeated failures (people.lockout)."""

    error_messages = {
        "invalid_login": _("The staff number or password is wrong. Please check and try again."),
        "inactive": _("This account has been disabled. Please contact the administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Staff number")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "inputmode": "latin"})
        self.fields["password"].label = _("Password")


class PrivacyForm(forms.ModelForm):
    """The employee's own privacy choices, on their profile."""

    class Meta:
        from .models import User

        model = User
        fields = ["hide_from_rankings"]


class AdminLoginForm(LockoutMessageMixin, LoginForm):
    """Wagtail's admin log-in form, with the lockout message (WAGTAILADMIN_USER_LOGIN_FORM)."""
