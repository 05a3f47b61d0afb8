"""The person's own account: changing their password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Django's checks (the current password, the password validators), in words for the person."""

    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not right: enter it again",
        "password_mismatch": "The two new passwords are not the same: enter them again",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Your current password"
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Not a common password, not only numbers, and not like your name."
        self.fields["new_password2"].label = "New password again"
        for name, what in (
            ("old_password", "your current password"),
            ("new_password1", "a new password"),
            ("new_password2", "the new password again"),
        ):
            self.fields[name].error_messages["required"] = f"Enter {what}"


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with errors in words people read ("Enter your username")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
