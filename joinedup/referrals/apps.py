from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "joinedup.referrals"
    label = "referrals"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import panels, selectors

        # The practice: requests that came back and nobody there has opened yet.
        register(
            "Requests",
            "referrals:practice",
            Permission.VIEW_PRACTICE_REQUESTS,
            order=20,
            count=selectors.practice_attention_count,
            count_label="new",
        )
        # The trust: referrals awaiting triage and A&G awaiting an answer.
        register(
            "Worklists",
            "referrals:worklists",
            Permission.VIEW_PROVIDER_WORKLISTS,
            order=25,
            count=selectors.provider_waiting_count,
            count_label="waiting",
        )
        panels.register()
