"""Insights' seed step: the monthly facts, rebuilt from what the steps before it seeded.

The signal comes from the letters seed (demo/letters.py, ``SHIFTED_TRUST``): the first trust's
letters fall behind for the last seven months, a sustained shift the charts flag.
"""

from __future__ import annotations

from joinedup.insights import services


def seed_insights() -> int:
    return services.rebuild()


def bench_insights(runs: int = 40) -> list[str]:
    """``make bench`` lines (after ``seed --scale icb`` on PostgreSQL): the board view's p50/p95 (target p95
    under 300 ms), one month's incremental refresh (target under 60 s) and a full rebuild, timed."""
    import statistics
    import time

    from django.test import Client
    from django.utils import timezone

    from joinedup.demo.directory import DEMO_PASSWORD

    lines = []
    started = time.perf_counter()
    stored = services.refresh_month(timezone.localdate())
    lines.append(
        f"bench: insights refresh of this month: {time.perf_counter() - started:.1f} s, {stored:,} figures "
        "(target under 60 s)"
    )
    # The background path after an event: one domain's recent months (INSIGHTS_REFRESH_MONTHS) for its measures.
    from django.conf import settings

    services.figures_changed("letters")
    started = time.perf_counter()
    stored = services.refresh_pending()
    lines.append(
        f"bench: insights background refresh after a letters event ({settings.INSIGHTS_REFRESH_MONTHS} months of "
        f"letters' measures): {time.perf_counter() - started:.1f} s, {stored:,} figures"
    )
    started = time.perf_counter()
    stored = services.rebuild()
    lines.append(f"bench: insights full rebuild (a year): {time.perf_counter() - started:.1f} s, {stored:,} figures")
    client = Client()
    client.post("/sign-in/", {"username": "icb.analyst", "password": DEMO_PASSWORD})
    for path in ("/insights/export.csv", "/insights/pack.pdf"):
        started = time.perf_counter()
        response = client.get(path)
        body = response.content
        lines.append(
            f"bench: icb analyst GET {path}: {time.perf_counter() - started:.1f} s, {len(body):,} bytes "
            f"(status {response.status_code})"
        )
    if client.get("/insights/").status_code != 200:
        raise SystemExit("bench page /insights/ did not answer 200")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get("/insights/")
        timings.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    lines.append(
        f"bench: icb analyst GET /insights/ p50 {cuts[49]:6.1f} ms  p95 {cuts[94]:6.1f} ms (target under 300 ms)"
    )
    return lines
