from __future__ import annotations

from django.db import models

from joinedup.directory.models import Organisation


class Patient(models.Model):
    nhs_number = models.CharField("NHS number", max_length=10, unique=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    registered_practice = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="registered_patients",
        limit_choices_to={"kind": "gp_practice"},
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            # Name search is always within a practice (or an ICB's practices): lead with the practice.
            models.Index(fields=["registered_practice", "family_name", "given_name"], name="patient_practice_name"),
        ]

    def __str__(self) -> str:
        return f"{self.family_name.upper()}, {self.given_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
