"""People admin screens: departments (Settings → Departments) and locked log-ins (Settings → Locked log-ins)."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.collation import PinyinOrderingMixin
from portal.internals import admin_permission_denied

from .models import Department

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def can_unlock(user):
    """Superusers, and whoever an administrator gives axes' "delete access attempt" permission."""
    return user.is_active and (user.is_superuser or user.has_perm(UNLOCK_PERMISSION))


def locked(field, limit):
    """Accounts (field="username") or addresses (field="ip_address") at or over their limit now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=limit)
        .order_by("-last_failure")
    )
    return [
        {"key": row[field], "failures": row["failures"], "until": row["last_failure"] + settings.AXES_COOLOFF_TIME}
        for row in rows
    ]


class LockoutView(View):
    def dispatch(self, request, *args, **kwargs):
        if not can_unlock(request.user):
            return admin_permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class LockoutIndexView(LockoutView):
    page_title = gettext_lazy("Locked log-ins")

    def get(self, request):
        return TemplateResponse(
            request,
            "people/admin/lockouts.html",
            {
                "page_title": self.page_title,
                "accounts": locked("username", settings.LOGIN_FAILURE_LIMIT),
                "addresses": locked("ip_address", settings.LOGIN_ADDRESS_FAILURE_LIMIT),
                "account_limit": settings.LOGIN_FAILURE_LIMIT,
                "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
                "minutes": settings.LOGIN_LOCKOUT_MINUTES,
            },
        )


class UnlockView(LockoutView):
    http_method_names = ["post"]

    def post(self, request):
        username = request.POST.get("username", "").strip()
        address = request.POST.get("ip_address", "").strip()
        if username:
            reset(username=username)
            messages.success(request, _("Staff number %(key)s can log in again.") % {"key": username})
        elif address:
            reset(ip=address)
            messages.success(request, _("Address %(key)s can log in again.") % {"key": address})
        return redirect("people_lockouts:index")


urlpatterns = [
    path("", LockoutIndexView.as_view(), name="index"),
    path("unlock/", UnlockView.as_view(), name="unlock"),
]


def admin_urls():
    return [path("lockouts/", include((urlpatterns, "people_lockouts"), namespace="people_lockouts"))]


class DepartmentIndexView(PinyinOrderingMixin, IndexView):
    pinyin_fields = ("name",)


class DepartmentViewSet(ModelViewSet):
    model = Department
    index_view_class = DepartmentIndexView
    icon = "group"
    menu_label = gettext_lazy("Departments")
    menu_order = 650
    add_to_settings_menu = True
    form_fields = ["name", "code", "headcount", "sort_order"]
    list_display = ["name", "code", "headcount", Column("member_count", label=gettext_lazy("Registered members"))]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]

    def get_queryset(self, request):
        return Department.objects.annotate(member_count=Count("members"))


class LockoutMenuItem(MenuItem):
    """Settings → 被锁定的登录: shown to those who may unlock (can_unlock)."""

    def is_shown(self, request):
        return can_unlock(request.user)
