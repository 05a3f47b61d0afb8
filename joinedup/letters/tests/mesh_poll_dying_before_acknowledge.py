"""Runs the real ``manage.py mesh_poll``, except that acknowledging a message kills the process.

The crash test (test_intake_mesh.py) runs this script to stop the poller at the worst moment: a
message stored and committed, not yet acknowledged in MESH. The product has no switch for it;
only this test-side wrapper replaces ``MeshClient.acknowledge_message`` with ``os._exit(3)``.

    python joinedup/letters/tests/mesh_poll_dying_before_acknowledge.py --once --workers 1
"""

from __future__ import annotations

import os
import sys

from mesh_client import MeshClient

EXIT_STATUS = 3


def _die_instead_of_acknowledging(self: MeshClient, message_id: str) -> None:
    os._exit(EXIT_STATUS)  # no clean-up, no flush: as if the machine lost power


if __name__ == "__main__":
    MeshClient.acknowledge_message = _die_instead_of_acknowledging  # type: ignore[method-assign]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "mesh_poll", *sys.argv[1:]])
