"""A static HTML report: an index, one page per source with every row marked in place, and a
timeline of the figures drawn as SVG. Nothing in it loads anything from the network. The index
embeds the Croissant metadata and each source page the ClaimReviews of its checked rows, as JSON-LD,
so that a published report is found as a dataset and as fact checks.

Needs the ``report`` extra (matplotlib): ``pip install "china-russia-tools[report]"``.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import interchange, registry
from ._version import __version__
from .backends import load
from .fields import shown
from .marks import (
    Mark,
    all_marks,
    asset,
    chain_words,
    check_marks,
    entity_html,
    fields_html,
    figure_value,
    mark_css,
    mark_html,
)
from .outdir import Output, write_folder
from .spread import readings
from .tables import descriptor, package_citation, records, source_text
from .timeline import timeline_svg
from .verdicts import SIGNS, verdicts_of

PAGE_CSS = asset("report.css")
"""Styles of the report's pages (``report_assets/report.css``); the marks' own come from
:func:`~china_russia_tools.marks.mark_css`."""


def toggle_id(layer: str) -> str:
    """The id of a layer's box in the legend: ``show-figure``, ``show-trade-event``."""
    return f"show-{layer.replace(' ', '-')}"


def toggle_css() -> str:
    """Turning a layer's box off in the legend removes the marks of that layer from view (CSS only)."""
    rules = []
    for layer in registry.layer_names().values():
        hidden = f'body:has(#{toggle_id(layer)}:not(:checked)) mark.crt-mark[data-layer="{layer}"]'
        rules.append(f"{hidden} {{ background: none; box-shadow: none; text-decoration: none; border: none; }}\n")
        rules.append(f"{hidden}::before, {hidden}::after {{ content: none; }}\n")
    return "".join(rules)


TOOLTIP_JS = asset("report.js")
"""Shows a mark's row beside it while the mark is hovered or focused; Escape hides it."""


def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError as error:
        raise ImportError(
            'the report needs matplotlib: pip install "china-russia-tools[report]"'
        ) from error


def _e(value: Any) -> str:
    return html.escape(str(value))


def _page(title: str, body: str, script: bool = False, head: str = "") -> str:
    """A complete HTML document with the report's styles inline and ``head`` (JSON-LD) in its head."""
    tail = f'<div id="crt-tip" role="tooltip" hidden></div><script>{TOOLTIP_JS}</script>' if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{PAGE_CSS}{mark_css()}{toggle_css()}</style>\n{head}</head>\n"
        f"<body>\n{body}\n{tail}\n</body>\n</html>\n"
    )


def _nav() -> str:
    return '<nav><a href="index.html">Index</a> · <a href="timeline.html">Timeline of the figures</a></nav>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """An HTML table; cells are HTML already, ``numeric`` holds the indexes of right-aligned columns."""
    head = "".join(f'<th scope="col">{_e(header)}</th>' for header in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="number">{cell}</td>' if i in numeric else f"<td>{cell}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _status(status: str | None) -> str:
    text = "" if status is None else str(status)
    return f"{SIGNS.get(text, '')} {_e(text)}".strip()


def verdict_counts(name: str, statuses: list[str]) -> str:
    """How many of ``statuses`` each verdict has, the empty ones left out: ``relay: 8 consistent, 6 discrepancy``."""
    return f"{name}: " + ", ".join(
        f"{statuses.count(status)} {status}" for status in SIGNS if status in statuses
    )


def spread_section(figure_id: str) -> str:
    """A figure card's readings (:func:`~china_russia_tools.spread.spread`): who printed the figure, when and
    in which words, by date, with the relay check's verdict on each and the document where the figure's
    reading first departs from what it relays marked."""
    rows = []
    for row in readings(figure_id):
        source = row["check_id"] is None
        when = ("on or after " if source else "") + shown(row["published"]) if row["published"] else "date unknown"
        kind = f" ({row['kind']})" if row["kind"] else ""
        check = "the figure's source" if source else f"{_status(row['status'])}{_e(kind)}, {_e(row['check_id'])}"
        departs = " <strong>departs here</strong>" if row["departs"] else ""
        rows.append([f"<code>{_e(row['document'])}</code>{departs}", _e(when), _e(row["publisher"] or "not known"),
                     _e(row["words"]), check])
    return (
        f'<details class="spread"><summary>Readings ({len(rows)})</summary>'
        + _table(["document", "published", "publisher", "words", "relay check"], rows)
        + "</details>"
    )


def _published(source: dict[str, Any]) -> str:
    """The publication window of a source, either end of which may be unknown."""
    earliest, latest = (
        None if source[key] is None else shown(source[key]) for key in ("published_earliest", "published_latest")
    )
    if earliest and latest:
        return earliest if earliest == latest else f"{earliest} – {latest}"
    if earliest or latest:
        return f"on or after {earliest}" if earliest else f"on or before {latest}"
    return "date unknown"


def source_page(source: dict[str, Any], marks: list[Mark], reviews: list[dict[str, Any]]) -> str:
    """The page of one source: its full text with every mark, a legend with toggles, and every row; its
    head holds ``reviews``, the ClaimReviews of its checked rows."""
    text = source_text(source["source_id"])
    check_marks(text, marks)
    counts = {layer: sum(mark.layer == layer for mark in marks) for layer in registry.layer_names().values()}
    legend = "".join(
        f'<label><input type="checkbox" id="{toggle_id(layer)}" checked> '
        f'<mark class="crt-mark" data-layer="{layer}">{layer}</mark> {_e(registry.table(table).legend)} '
        f"({counts[layer]})</label>"
        for table, layer in registry.layer_names().items()
    )
    sections = []
    for table, layer in registry.layer_names().items():
        cards = "".join(
            f'<article class="card" id="row-{_e(mark.row_id)}" data-layer="{layer}">'
            f'<h3><a href="#{_e(mark.row_id)}">{_e(mark.row_id)}</a> “{_e(mark.text)}”</h3>'
            f"{fields_html(mark)}{spread_section(mark.row_id) if table == 'figures' else ''}</article>"
            for mark in marks
            if mark.layer == layer
        )
        sections.append(
            f'<section><h2>{table.capitalize()} ({counts[layer]})</h2><div class="cards">{cards}</div></section>'
        )
    body = (
        f"<header>{_nav()}<h1>{_e(source['title'])}</h1>"
        f'<p class="meta">Source <code>{_e(source["source_id"])}</code>'
        + (f" · {_e(source['byline'])}" if source["byline"] is not None else "")
        + f" · published {_e(_published(source))} · {source['chars']:,} code points, "
        f"body {source['body_start']}–{source['body_end']}"
        f" · SHA-256 <code>{_e(source['sha256'][:16])}…</code></p>"
        f'<p class="meta">Dates: {_e(source["date_note"])}</p></header>\n<main>\n'
        f'<fieldset class="legend"><legend>Layers (untick to hide)</legend>{legend}</fieldset>\n'
        '<p class="hint">Hover over a mark, or reach it with the Tab key, to see its row; Escape hides it. '
        "The rows are listed below the text.</p>\n"
        f'<div class="text" lang="{_e(source["language"])}">{mark_html(text, marks)}</div>\n'
        + "\n".join(sections)
        + "\n</main>"
    )
    head = "".join(map(interchange.jsonld_script, reviews))
    return _page(f"{source['title']} · {source['source_id']}", body, script=True, head=head)


def timeline_page(svg: str) -> str:
    """The timeline page: the SVG inline, then the figures it shows and those it cannot place."""
    figures = records("figures")
    placed = sorted(
        (row for row in figures if row["period_start"] is not None),
        key=lambda row: (row["period_start"], row["figure_id"]),
    )
    unplaced = [row for row in figures if row["period_start"] is None]

    def link(row: dict[str, Any]) -> str:
        return f'<a class="nowrap" href="{_e(row["source_id"])}.html#{_e(row["figure_id"])}">{_e(row["figure_id"])}</a>'

    rows = [
        [
            link(row),
            _e(row["text"]),
            _e(figure_value(row)),
            _e(row["unit"]),
            _e(row["measure"]),
            f'<span class="nowrap">{shown(row["period_start"])}</span> – '
            f'<span class="nowrap">{shown(row["period_end"])}</span>',
            _e(row["period_text"] or ""),
            _status(row["relay_status"]),
            _status(row["data_status"]),
            _e(chain_words(row)),
        ]
        for row in placed
    ]
    headers = [
        "figure", "text", "value", "unit", "measure", "period", "period in the text", "relay", "data", "chain"
    ]
    missing = "".join(f"<li>{link(row)} “{_e(row['text'])}”: no period</li>" for row in unplaced)
    body = (
        f"<header>{_nav()}<h1>Timeline of the figures</h1>"
        '<p class="meta">One panel per measure and unit. Each figure is a bar over the period it covers with a point '
        "at its middle, drawn by its data verdict: filled if consistent with the statistic, hollow if unverified, a "
        "red ✕ if a discrepancy; a square around the point if its relay verdict is a discrepancy. Each label gives "
        "both verdicts, and each point links to the figure in its source.</p></header>\n<main>\n"
        f'<figure class="timeline">{svg}'
        "<figcaption>Figures by period, drawn from the figures table.</figcaption></figure>\n"
        "<h2>Figures on the timeline</h2>"
        + (_table(headers, rows, {2}) if rows else "<p>No figure has a period.</p>")
        + (f"<h2>Figures not on the timeline</h2><ul>{missing}</ul>" if missing else "")
        + "\n</main>"
    )
    return _page("Timeline of the figures", body)


def _source_rows(marks: dict[str, list[Mark]], pages: dict[str, str]) -> list[list[str]]:
    """Each source: its title linking to its page, its dates, its length and its rows of each layer."""

    def counts(source_id: str) -> list[str]:
        return [str(sum(mark.layer == layer for mark in marks[source_id])) for layer in registry.layer_names().values()]

    return [
        [
            f'<a href="{pages[row["source_id"]]}">{_e(row["title"])}</a><br><code>{_e(row["source_id"])}</code>',
            _e(_published(row)),
            f"{row['chars']:,}",
            *counts(row["source_id"]),
        ]
        for row in records("sources")
    ]


def _verdict_items(checks: list[dict[str, Any]]) -> list[str]:
    """The checks' statuses counted, then each checked table's verdicts counted per question."""
    items = [verdict_counts("checks", [row["status"] for row in checks])]
    for name in registry.checked():
        verdicts = [verdicts_of(row) for row in records(name)]
        questions = dict.fromkeys(question for row in verdicts for question in row)
        counts = (verdict_counts(question, [row[question] for row in verdicts]) for question in questions)
        items.append(f"{name} · " + " · ".join(counts))
    return items


def _check_rows(checks: list[dict[str, Any]], marks: dict[str, list[Mark]], pages: dict[str, str]) -> list[list[str]]:
    """Each check, linking to the row it checks in that row's source page."""
    row_sources = {}
    for source_marks in marks.values():
        row_sources.update({mark.row_id: mark.source_id for mark in source_marks})
    rows = []
    for row in checks:
        target = registry.check_target(row, descriptor())[1]
        rows.append(
            [
                f'<span class="nowrap" id="{_e(row["check_id"])}">{_e(row["check_id"])}</span>',
                f'<a class="nowrap" href="{pages[row_sources[target]]}#{_e(target)}">{_e(target)}</a>',
                _e(row["method"]),
                _status(row["status"]),
                _e(row["kind"] or ""),
                _e(row["expected"] or ""),
                _e(row["found"] or ""),
            ]
        )
    return rows


def _shared_rows() -> dict[str, list[list[str]]]:
    """The rows of the references, entities and products tables, each with its id as an anchor."""

    def anchor(row_id: str) -> str:
        return f'<span class="nowrap" id="{_e(row_id)}">{_e(row_id)}</span>'

    codes = records("product_codes")
    return {
        "references": [
            [
                anchor(row["reference_id"]),
                _e(row["publisher"]),
                _e(row["title"]),
                _e(shown(row["published"])),
                f"<code>{_e(row['url'])}</code>",
            ]
            for row in records("references")
        ],
        "entities": [
            [
                anchor(row["entity_id"]),
                entity_html(row["name"], row["wikidata_id"]),
                _e(row["entity_type"]),
                _e(row["country_code"] or ""),
                _e(row["wikidata_id"] or ""),
            ]
            for row in records("entities")
        ],
        "products": [
            [
                anchor(row["product_id"]),
                _e(row["name"]),
                ", ".join(
                    f"{_e(code['classification'])} <code>{_e(code['code'])}</code>"
                    for code in codes
                    if code["product_id"] == row["product_id"]
                ),
            ]
            for row in records("products")
        ],
    }


def index_page(marks: dict[str, list[Mark]]) -> str:
    """The index: the package, its sources with their row counts, the row counts, every check."""
    meta = descriptor()
    checks = records("checks")
    pages = {row["source_id"]: f"{row['source_id']}.html" for row in records("sources")}
    table_rows = [[f"<code>{name}</code>", str(len(records(name)))] for name in registry.names()]
    shared = _shared_rows()
    body = (
        f"<header>{_nav()}<h1>{_e(meta['title'])}</h1>"
        f'<p class="meta">china-russia-tools {_e(__version__)}, data version {_e(meta["version"])}</p>'
        f'<p>{_e(meta["description"])}</p><p class="meta">Cite as: {_e(package_citation())}</p></header>\n<main>\n'
        "<h2>Sources</h2>"
        + _table(
            ["source", "published", "code points", *registry.layers()],
            _source_rows(marks, pages),
            set(range(2, 3 + len(registry.layers()))),
        )
        + "<h2>Rows per table</h2>"
        + _table(["table", "rows"], table_rows, {1})
        + '<h2>Verdicts</h2><p class="hint">A figure\'s relay verdict says whether it is relayed as its report gives '
        "it, its data verdict whether it agrees with the official statistic; a quote's verdict is on its relay.</p>"
        + "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in _verdict_items(checks)) + "</ul>"
        + "<h2>Checks</h2>"
        + _table(["check", "of", "method", "status", "kind", "expected", "found"], _check_rows(checks, marks, pages))
        + '<h2>References</h2><p class="hint">Documents the checks compare against; '
        "their addresses are given as text.</p>"
        + _table(["reference", "publisher", "title", "published", "address"], shared["references"])
        + '<h2>Entities</h2><p class="hint">Names link to their Wikidata items where one was verified.</p>'
        + _table(["entity", "name", "type", "country code", "Wikidata"], shared["entities"])
        + '<h2>Products</h2><p class="hint">The package\'s mapping of the sources\' words to customs codes.</p>'
        + _table(["product", "name", "codes"], shared["products"])
        + "\n</main>"
    )
    return _page(meta["title"], body, head=interchange.jsonld_script(interchange.croissant()))


def write_report(out_dir: Path) -> list[Path]:
    """Write the report into ``out_dir`` (created if missing) and return the files written; see
    :func:`report_output`."""
    return report_output(out_dir).written


def report_output(out_dir: Path) -> Output:
    """Write the report into ``out_dir`` (created if missing); return the files written, and those of a
    previous report there that it removed and did not write again.

    ``index.html``, ``timeline.html`` and ``timeline.svg``, and one ``<source_id>.html`` per source.
    ``out_dir`` must be new, empty or hold a previous report (recognised by its manifest, see
    :mod:`~china_russia_tools.outdir`), else :class:`ExportError`; nothing is moved in until every page
    is written. Raises :class:`ImportError` naming the ``report`` extra when matplotlib is missing.
    """
    _require_matplotlib()

    def write(folder: Path) -> list[str]:  # called once the folder is known to be ours to write
        marks = all_marks()
        reviews = defaultdict(list)
        for review in interchange.claim_reviews(in_report=True):
            reviews[review["itemReviewed"]["appearance"]["identifier"]].append(review)
        svg = timeline_svg(load("figures"))
        pages = {"index.html": index_page(marks), "timeline.html": timeline_page(svg), "timeline.svg": svg}
        for source in records("sources"):
            source_id = source["source_id"]
            pages[f"{source_id}.html"] = source_page(source, marks[source_id], reviews[source_id])
        for name, content in pages.items():
            (folder / name).write_text(content, encoding="utf-8", newline="\n")
        return list(pages)

    return write_folder(Path(out_dir), write, "a report", "write the report into a new or empty folder")
