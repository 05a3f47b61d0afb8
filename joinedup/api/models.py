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


class ClientIdentifier(models.Model):
    """An identifier a client system gave a resource it created (its own system and value), so that a
    retried create (``If-None-Exist: identifier=system|value``) finds the first record, never makes a
    second: the unique constraint holds even when two retries race."""

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="+")
    resource_type = models.CharField(max_length=40)
    system = models.CharField(max_length=255)
    value = models.CharField(max_length=255)
    resource_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "resource_type", "system", "value"], name="client_identifier_once"
            )
        ]
        indexes = [models.Index(fields=["resource_type", "resource_id"], name="client_identifier_resource")]

    def __str__(self) -> str:
        return f"{self.resource_type}/{self.resource_id} = {self.system}|{self.value}"


class Subscription(models.Model):
    """A FHIR R4 Subscription (rest-hook): when a change matches ``criteria`` for the client's organisation,
    JoinedUp POSTs to ``endpoint`` from background work."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        ERROR = "error"
        OFF = "off"

    client = models.ForeignKey(ClientSystem, on_delete=models.CASCADE, related_name="subscriptions")
    criteria = models.CharField(max_length=500)
    endpoint = models.URLField(max_length=500)
    payload = models.CharField(max_length=40, blank=True, help_text="application/fhir+json, or empty for a ping")
    headers = models.JSONField(default=list, blank=True)
    reason = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.criteria} -> {self.endpoint}"
