"""The package in brief, as ``china-russia-tools info`` prints it: version, sources, rows per table, check
statuses and a few figures with their citations."""

from __future__ import annotations

from collections import Counter

from . import registry
from ._version import __version__
from .marks import chain_words, figure_value
from .tables import records, source_text


def info() -> str:
    """A readable summary of the package: sources, rows per table, check statuses, example figures.

    Each source text is checked against its SHA-256 first, as everywhere a source is shown.
    """
    lines = [f"china-russia-tools {__version__}", ""]
    sources = records("sources")
    for row in sources:
        source_text(row["source_id"])
    lines.append(f"{len(sources)} sources:")
    lines += [f"  {row['source_id']}  {row['title']}" for row in sources]
    lines += ["", "rows per table:"]
    width = max(map(len, registry.names()))
    lines += [f"  {name:<{width}} {len(records(name)):>4}" for name in registry.names()]
    figures = records("figures")
    lines.append("")
    for verdict in ("relay_status", "data_status"):
        statuses = Counter(row[verdict] for row in figures).most_common()
        lines.append(f"figures by {verdict}: " + ", ".join(f"{count} {status}" for status, count in statuses))
    lines += ["", "example figures:"]
    for row in figures[:3]:
        lines.append(
            f"  {row['figure_id']}: {figure_value(row)} {row['unit']} ({row['measure']}, {row['statistic']}; "
            f"relay {row['relay_status']}, data {row['data_status']})"
        )
        lines.append(f"    chain {chain_words(row)}; series {row['series_id'] or 'none'}")
        lines.append(f"    {row['citation']}")
    lines += ["", "cite a row: china-russia-tools cite 000-f02 --format bibtex"]
    return "\n".join(lines)
