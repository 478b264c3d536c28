from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportAccess(models.Model):
    """No rows: the holder of the reports app's permissions (the dashboard is not a model of its own)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("Can see the organisers' dashboard and export its tables"))]
        verbose_name = _("reports access")

    def __str__(self):
        return str(self._meta.verbose_name)
