"""The inbox's header entry, registered from ``LettersConfig.ready`` in one line."""

from __future__ import annotations

from joinedup.core import navigation
from joinedup.directory.access import Permission


def register_entries() -> None:
    from . import selectors

    navigation.register("Letters", "letters:inbox", Permission.VIEW_LETTERS, order=15, count=selectors.new_letter_count)
    # The ICB reads the reader's accuracy across its practices (a practice reaches its own from the inbox).
    navigation.register("Reader accuracy", "letters:accuracy", Permission.VIEW_ICB_OVERVIEW, order=38)
