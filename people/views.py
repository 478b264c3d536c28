from django.contrib.auth.views import LoginView, LogoutView

from .forms import StaffLoginForm


class StaffLoginView(LoginView):
    """The public login page, in the site's own look."""

    form_class = StaffLoginForm
    template_name = "people/login.html"
    redirect_authenticated_user = True


class StaffLogoutView(LogoutView):
    template_name = "people/logged_out.html"
