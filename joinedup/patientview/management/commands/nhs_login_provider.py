"""Run a local OpenID Connect provider shaped like NHS login that signs in the demo's patients (``make serve``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from joinedup.patientview import selectors
from joinedup.patientview.local_provider import nhs_login_user


class Command(BaseCommand):
    help = "Run a local NHS login stand-in (oidc-provider-mock) on 127.0.0.1 for the demo patients"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=9400)

    def handle(self, *args: Any, port: int, **options: Any) -> None:
        import werkzeug.serving
        from oidc_provider_mock import app

        patients = selectors.demo_patients()
        users = [nhs_login_user(name, nhs_number) for name, nhs_number in patients]
        server = werkzeug.serving.make_server("127.0.0.1", port, app(user_claims=users), threaded=True)
        for name, nhs_number in patients:
            self.stdout.write(f"Demo patient {name}: NHS number {nhs_number}")
        self.stdout.write(f"Local NHS login at http://127.0.0.1:{server.server_port}")
        server.serve_forever()
