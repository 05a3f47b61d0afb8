"""Charts drawn on the server as SVG with matplotlib, in Making Data Count's colours (as NHSRplotthedots).

The page shows it as an image with empty alternative text: its summary and data table, beside it,
say the same in words. It prints and needs no JavaScript.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from .spc import Chart, Variation

COMMON_CAUSE, IMPROVEMENT, CONCERN, NEUTRAL = "#7B7D7D", "#289DE0", "#FAB428", "#361475"
POINT_COLOUR = {
    Variation.IMPROVEMENT_HIGH: IMPROVEMENT,
    Variation.IMPROVEMENT_LOW: IMPROVEMENT,
    Variation.CONCERN_HIGH: CONCERN,
    Variation.CONCERN_LOW: CONCERN,
    Variation.NEUTRAL_HIGH: NEUTRAL,
    Variation.NEUTRAL_LOW: NEUTRAL,
}


def svg(chart: Chart, unit_label: str) -> str:
    """The XmR chart as an SVG document (empty string when there is nothing to draw)."""
    if not chart.points:
        return ""
    figure = Figure(figsize=(8, 3.2), dpi=72)
    axes = figure.add_subplot()
    xs = list(range(len(chart.points)))
    values = [p.value for p in chart.points]
    axes.plot(xs, values, color=COMMON_CAUSE, linewidth=1.5, zorder=1)
    colours = [POINT_COLOUR.get(p.variation, COMMON_CAUSE) if p.variation else COMMON_CAUSE for p in chart.points]
    axes.scatter(xs, values, c=colours, s=28, zorder=2)
    with_limits = [(x, p.limits) for x, p in zip(xs, chart.points, strict=True) if p.limits]
    if with_limits:
        lx = [x for x, _ in with_limits]
        axes.plot(lx, [lim.mean for _, lim in with_limits], color="#000000", linewidth=1)
        axes.plot(lx, [lim.upper for _, lim in with_limits], color=COMMON_CAUSE, linestyle="--", linewidth=1)
        axes.plot(lx, [lim.lower for _, lim in with_limits], color=COMMON_CAUSE, linestyle="--", linewidth=1)
    if chart.target is not None:
        axes.axhline(chart.target, color="#DE1B1B", linestyle=":", linewidth=1)
    labels = [p.period.strftime("%b %y") if hasattr(p.period, "strftime") else str(p.period) for p in chart.points]
    axes.set_xticks(xs, labels, rotation=45, ha="right", fontsize=8)
    axes.set_ylabel(unit_label, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg")
    text = out.getvalue()
    return text
