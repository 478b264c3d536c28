from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail import hooks

from .forms import PrivacyForm, StaffLoginForm


class StaffLoginView(LoginView):
    """The public login page, in the site's own look."""

    form_class = StaffLoginForm
    template_name = "people/login.html"
    redirect_authenticated_user = True


class StaffLogoutView(LogoutView):
    template_name = "people/logged_out.html"


@login_required
def profile(request):
    """个人资料: who the employee is, their privacy choice, and panels from higher apps (people_profile_panels)."""
    form = PrivacyForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choice is saved."))
        return redirect("people:profile")
    panels = [panel for hook in hooks.get_hooks("people_profile_panels") for panel in hook(request, request.user)]
    return render(request, "people/profile.html", {"form": form, "panels": panels})
