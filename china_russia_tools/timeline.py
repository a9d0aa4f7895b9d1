"""The timeline of the figures, drawn with matplotlib as a deterministic SVG for the report."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from .verdicts import verdict_words

if TYPE_CHECKING:
    import pandas as pd


def _money(value: float, _position: Any = None) -> str:
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " mn")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


NO_PERIOD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40" viewBox="0 0 320 40">'
    '<text x="8" y="25" font-family="sans-serif" font-size="14">No figure has a period.</text></svg>\n'
)
"""The timeline when no figure has a period: no panels, one sentence."""


def timeline_svg(figures: pd.DataFrame) -> str:
    """SVG of the figures that have a period: one panel per measure and unit, each figure a bar over
    its period with a point at the middle, drawn by its data verdict (filled if consistent, hollow if
    unverified, a red ✕ if a discrepancy), a square around it if its relay verdict is a discrepancy,
    and a label giving both verdicts with their signs.

    Each point is an SVG group with the id ``figure-<id>`` linking to the figure in its source page;
    a data discrepancy adds a group ``data-discrepancy-<id>``, a relay discrepancy
    ``relay-discrepancy-<id>``. With no figure placed, :data:`NO_PERIOD_SVG`.
    """
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    placed = figures[figures["period_start"].notna()]
    if placed.empty:
        return NO_PERIOD_SVG
    panels = sorted(placed.groupby(["measure", "unit"], observed=True), key=lambda item: item[0])
    settings = {
        "svg.fonttype": "none",
        "svg.hashsalt": "china-russia-tools",
        "font.family": "sans-serif",
        "font.size": 10,
    }
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(10, 0.9 + 1.7 * len(panels)), layout="constrained")
        axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        for ax, ((measure, unit), rows) in zip(axes, panels, strict=True):
            _panel(ax, str(measure), str(unit), rows)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes[-1].xaxis.get_major_locator()))
        _legend(figure)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype
    return re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)


def _panel(ax: Any, measure: str, unit: str, rows: pd.DataFrame) -> None:
    """The panel of one measure and unit: its title, axes and figures, the highest first."""
    from matplotlib.ticker import FuncFormatter

    ax.set_title(f"{measure.replace('_', ' ')} · {unit}", loc="left", fontsize=11, fontweight="bold")
    ax.axhline(0, color="#777", linewidth=0.8)
    ax.grid(axis="y", color="#ddd", linewidth=0.6)
    if unit not in ("percent", "percentage_point", "multiple", "micrometre"):
        ax.yaxis.set_major_formatter(FuncFormatter(_money))
    ys = rows["value"].fillna((rows["value_low"] + rows["value_high"]) / 2)
    ordered = rows.assign(y=ys).sort_values(["y", "figure_id"], ascending=[False, True])
    for slot, row in enumerate(ordered.itertuples()):
        _figure(ax, row, 1 - (slot + 0.5) / len(ordered))
    ax.margins(x=0.08, y=0.35)


def _figure(ax: Any, row: Any, label_at: float) -> None:
    """One figure: a bar over its period, a point by its data verdict at the middle, a cue for each
    discrepancy, and its label at the height ``label_at`` (a fraction of the panel) right of the panel."""
    import matplotlib.dates as mdates
    import pandas as pd

    start, end = row.period_start, row.period_end + pd.Timedelta(days=1)
    middle = start + (end - start) / 2
    data, relay = row.data_status, row.relay_status
    colour = {"discrepancy": "#a3000f", "consistent": "#0b4f9c"}.get(data, "#555555")
    ax.hlines(row.y, start, end, colors=colour, linewidth=4, alpha=0.45)
    if row.value_low != row.value_high:
        ax.vlines(middle, row.value_low, row.value_high, colors=colour, linewidth=1.5)
    (point,) = ax.plot(
        [middle],
        [row.y],
        marker="o",
        markersize=6,
        color=colour,
        markerfacecolor="white" if data == "unverified" else colour,
        gid=f"figure-{row.figure_id}",
    )
    point.set_url(f"{row.source_id}.html#{row.figure_id}")
    for question, marker, size, face in (("data", "X", 13, colour), ("relay", "s", 14, "none")):
        if getattr(row, f"{question}_status") == "discrepancy":
            (cue,) = ax.plot(
                [middle],
                [row.y],
                marker=marker,
                markersize=size,
                color="#a3000f",
                markerfacecolor=face,
                markeredgecolor="white" if face != "none" else "#a3000f",
                gid=f"{question}-discrepancy-{row.figure_id}",
            )
            cue.set_url(f"{row.source_id}.html#{row.figure_id}")
    flow = "" if pd.isna(row.flow_from) else f" {row.flow_from} → {row.flow_to}"
    label = f"{row.figure_id} “{row.text}”{flow} · {verdict_words({'relay': relay, 'data': data})}"
    # Labels stand in a column right of the panel, one slot each, joined to their points.
    ax.annotate(
        label,
        (mdates.date2num(middle), row.y),
        xytext=(1.02, label_at),
        textcoords="axes fraction",
        va="center",
        fontsize=9,
        color="#1a1a1a",
        annotation_clip=False,
        arrowprops={"arrowstyle": "-", "color": "#888888", "linewidth": 0.6, "shrinkA": 2, "shrinkB": 5},
    )


def _legend(figure: Any) -> None:
    """The legend above the panels: the point by the data verdict, the square by the relay verdict."""
    from matplotlib.lines import Line2D

    legend = [
        Line2D([], [], marker="o", color="#0b4f9c", linestyle="", label="data consistent (✓)"),
        Line2D([], [], marker="o", color="#555555", markerfacecolor="white", linestyle="",
               label="data unverified (?)"),
        Line2D([], [], marker="X", color="#a3000f", markersize=10, linestyle="", label="data discrepancy (⚠)"),
        Line2D([], [], marker="s", color="#a3000f", markerfacecolor="none", markersize=10, linestyle="",
               label="relay discrepancy (⚠)"),
        Line2D([], [], color="#555555", linewidth=4, alpha=0.45, label="period covered"),
    ]
    figure.legend(
        handles=legend,
        loc="outside upper center",
        ncols=5,
        frameon=False,
        title="the point by the data verdict, a square by the relay verdict; each label gives both",
    )
