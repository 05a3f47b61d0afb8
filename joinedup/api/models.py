"""Client systems that call the FHIR API, the client assertions they have used and the tokens issued."""

from __future__ import annotations

from django.db import models


class ClientSystem(models.Model):
    """A GP or trust system registered to one organisation. It acts through ``role_assignment``: a
    service account at that organisation, so it sees exactly what that role sees in the pages."""

    client_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    role_assignment = models.ForeignKey(
        "directory.RoleAssignment", on_delete=models.PROTECT, related_name="client_systems"
    )
    scopes = models.CharField(max_length=500, default="system/*.read")
    public_key_pem = models.TextField(help_text="The client's RSA public key (PEM); it signs its assertions")
    rate_limit_per_minute = models.PositiveIntegerField(default=600)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"


class UsedAssertion(models.Model):
    """A client assertion's ``jti``, kept until it expires so it is never accepted twice."""

    client = models.ForeignKey(ClientSystem, on_delete=models.CASCADE)
    jti = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "jti"], name="assertion_jti_once")]

    def __str__(self) -> str:
        return self.jti


class AccessToken(models.Model):
    """A short-lived bearer token; only its SHA-256 digest is stored."""

    client = models.ForeignKey(ClientSystem, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"token for {self.client_id} until {self.expires_at:%H:%M}"
