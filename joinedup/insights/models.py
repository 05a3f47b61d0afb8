"""The monthly facts insights charts: each registered measure's figures, stored per organisation, service and month.

Pages read these few rows, never the domains' event tables; ``services.refresh`` fills them from
the measures the domains register (``joinedup.core.measures``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.directory.models import Organisation, Service


class MonthlyFact(models.Model):
    measure_id = models.CharField(max_length=100)  # a registered measure's id, e.g. "letters.discharge_summary_24h"
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="First day of the month")
    numerator = models.FloatField()
    denominator = models.FloatField(default=1.0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measure_id", "organisation", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_id", "organisation", "month"],
                condition=models.Q(service__isnull=True),
                name="fact_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["measure_id", "organisation", "service", "month"],
                condition=models.Q(service__isnull=False),
                name="fact_unique_per_service",
            ),
        ]
        indexes = [models.Index(fields=["month", "measure_id"], name="fact_month_measure")]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.organisation_id} {self.month:%Y-%m}: {self.numerator}/{self.denominator}"


class PendingRefresh(models.Model):
    """A domain's month whose figures changed and wait for a background refresh (decision 0022).

    One row per (domain, month) however many events touch it: the first event of a burst adds the
    row and queues one refresh task; the others find the row there and queue nothing. The task takes
    the rows away before it refreshes, so an event during the refresh queues a fresh one.
    """

    domain = models.CharField(max_length=50)
    month = models.DateField(help_text="First day of the month")
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["domain", "month"], name="pending_refresh_unique")]

    def __str__(self) -> str:
        return f"{self.domain} {self.month:%Y-%m}"
