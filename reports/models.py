from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportAccess(models.Model):
    """No rows: the holder of the reports app's permissions (the dashboard is not a model of its own)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("Can see the organisers' dashboard and export its tables"))]
        verbose_name = _("reports access")

    def __str__(self):
        return str(self._meta.verbose_name)


class CampaignReport(models.Model):
    """总结评估报告: the written report of a campaign. Its prose is drafted from the facts and edited
    here; the figures and tables are filled from live data each time the report is shown or exported."""

    SECTIONS = ("situation", "practices", "results", "awards", "problems", "next_steps")

    campaign = models.OneToOneField(
        "campaigns.CampaignPage", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="report"
    )
    situation = models.TextField(pgettext_lazy("report", "Overview"), blank=True, max_length=10000)
    practices = models.TextField(pgettext_lazy("report", "What was done"), blank=True, max_length=10000)
    results = models.TextField(pgettext_lazy("report", "Results"), blank=True, max_length=10000)
    awards = models.TextField(pgettext_lazy("report", "Awards"), blank=True, max_length=10000)
    problems = models.TextField(pgettext_lazy("report", "Problems"), blank=True, max_length=10000)
    next_steps = models.TextField(pgettext_lazy("report", "Next steps"), blank=True, max_length=10000)
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("campaign report")
        verbose_name_plural = _("campaign reports")

    def __str__(self):
        return str(self.campaign)
