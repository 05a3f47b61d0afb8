"""Insights' seed step: the monthly facts, rebuilt from what the steps before it seeded.

The signal comes from the letters seed (demo/letters.py, ``SHIFTED_TRUST``): the first trust's
letters fall behind for the last seven months, a sustained shift the charts flag.
"""

from __future__ import annotations

from joinedup.insights import services


def seed_insights() -> int:
    return services.rebuild()
