"""The form a system administrator fills in to register a GP or trust system."""

from __future__ import annotations

from django import forms

from joinedup.directory.access import PRACTICE_ROLES, TRUST_ROLES
from joinedup.directory.models import Role, normalise_ods_code

ROLE_CHOICES = [
    (role.value, f"{role.label} ({'GP practice' if role in PRACTICE_ROLES else 'NHS trust'})")
    for role in Role
    if role in PRACTICE_ROLES | TRUST_ROLES
]


class ClientSystemForm(forms.Form):
    name = forms.CharField(
        label="Name of the system",
        max_length=200,
        help_text="For example, the practice's clinical system or the trust's electronic patient record",
        error_messages={
            "required": "Enter the name of the system",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    ods_code = forms.CharField(
        label="ODS code of its organisation",
        max_length=10,
        help_text="The GP practice or NHS trust the system works for. It sees what that organisation sees",
        error_messages={"required": "Enter the ODS code of the practice or trust"},
    )
    role = forms.ChoiceField(
        label="What the system may do",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        help_text="The system acts with the permissions of this role at its organisation",
        error_messages={"required": "Select what the system may do"},
    )
    public_key_pem = forms.CharField(
        label="The system's public key (PEM)",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=10_000,
        help_text="An RSA public key of 2048 bits or more. The system signs its token requests with the private key",
        error_messages={
            "required": "Paste the system's public key",
            "max_length": "The key is too long to be an RSA public key",
        },
    )
    rate_limit_per_minute = forms.IntegerField(
        label="Requests allowed per minute",
        min_value=1,
        max_value=100_000,
        initial=600,
        error_messages={
            "required": "Enter how many requests a minute the system may make",
            "invalid": "Enter a whole number",
            "min_value": "Allow at least 1 request a minute",
            "max_value": "Allow 100,000 requests a minute or fewer",
        },
    )

    def clean_ods_code(self) -> str:
        return normalise_ods_code(str(self.cleaned_data.get("ods_code", "")))
