"""The static report without a browser: its files, anchors, offline links, marks and timeline."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools.outdir import MANIFEST
from china_russia_tools.report import write_report
from conftest import needs, seed_text
from corpus import present, require_row

pytestmark = pytest.mark.slow

SOURCES = list(crt.sources()["source_id"])


LAYER_TABLES = {
    "figure": ("figures", "figure_id"), "mention": ("mentions", "mention_id"), "quote": ("quotes", "quote_id"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("report")
    return out, write_report(out)


class MarkedText(HTMLParser):
    """Collects the text of the ``.text`` block and of each mark in it, as a browser's textContent would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.open: list[tuple[str | None, str | None, int]] = []
        self.marks: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.open.append((attributes.get("data-layer"), attributes.get("data-id"), len("".join(self.text))))
        elif tag == "div" and attributes.get("class") == "text":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                layer, row_id, start = self.open.pop()
                self.marks.append((layer, row_id, "".join(self.text)[start:]))

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def parse(page: Path) -> MarkedText:
    parser = MarkedText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_files_written(site):
    out, written = site
    pages = [f"{source_id}.html" for source_id in SOURCES]
    assert [path.name for path in written] == ["index.html", "timeline.html", "timeline.svg", *pages]
    assert sorted(out.iterdir()) == sorted([out / MANIFEST, *written])


def test_nothing_is_loaded_from_the_network(site):
    _, written = site
    remote = re.compile(
        r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import|<link\b|<script\s[^>]*src""",
        re.I,
    )
    wikidata = re.compile(r'<a href="https://www\.wikidata\.org/wiki/Q[1-9][0-9]*"')  # links to follow, not loads
    assert len(written) > 0
    for path in written:
        content = wikidata.sub("<a", path.read_text(encoding="utf-8"))
        assert remote.findall(content) == [], path.name
        assert re.findall(r"url\((?!#)", content) == [], path.name
        code = re.findall(r"<script(?![^>]*application/ld\+json)", content)  # JSON-LD is data, not code
        assert not code or path.name.startswith(tuple(SOURCES))


@pytest.mark.parametrize("source_id", SOURCES)
def test_page_text_is_the_source_and_each_row_is_marked_with_its_words(site, tables, source_id):
    out, _ = site
    page = parse(out / f"{source_id}.html")
    assert "".join(page.text) == seed_text(source_id)
    for layer, (table, id_column) in LAYER_TABLES.items():
        rows = tables[table][tables[table]["source_id"] == source_id]
        marked = [(row_id, text) for mark_layer, row_id, text in page.marks if mark_layer == layer]
        assert sorted(marked) == sorted(zip(rows[id_column], rows["text"], strict=True))


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_row_id_is_an_anchor(site, tables, source_id):
    out, _ = site
    content = (out / f"{source_id}.html").read_text(encoding="utf-8")
    anchored = 0
    for table, id_column in (("figures", "figure_id"), ("mentions", "mention_id"), ("quotes", "quote_id")):
        for row_id in tables[table].loc[tables[table]["source_id"] == source_id, id_column]:
            anchored += 1
            assert len(re.findall(f' id="{row_id}"', content)) == 1, row_id
            assert content.count(f'id="row-{row_id}"') == 1, row_id
            assert content.count(f'aria-describedby="row-{row_id}"') == 1, row_id
    assert anchored > 0, source_id


def counts(name: str, column) -> str:
    """How the index counts a column of verdicts: ``relay: 8 consistent, 6 discrepancy``."""
    found = column.value_counts()
    statuses = ("consistent", "discrepancy", "unverified")
    return f"{name}: " + ", ".join(f"{found[status]} {status}" for status in statuses if found.get(status, 0))


def test_index_lists_sources_counts_and_checks(site, tables):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    for source_id in SOURCES:
        assert f'<a href="{source_id}.html">' in index
    for name in crt.TABLES:
        assert f'<tr><td><code>{name}</code></td><td class="number">{len(tables[name])}</td></tr>' in index
    # Checks by status, figures by both verdicts, quotes by their relay (their check_status): for the
    # published corpus, "figures · relay: 8 consistent, 6 discrepancy · data: 1 consistent, 13 unverified".
    figures, quotes = tables["figures"], tables["quotes"]
    assert f"<li>{counts('checks', tables['checks']['status'])}</li>" in index
    assert (f"<li>figures · {counts('relay', figures['relay_status'])} · {counts('data', figures['data_status'])}"
            "</li>") in index
    assert f"<li>quotes · {counts('relay', quotes['check_status'])}</li>" in index
    assert "Check statuses" not in index
    owners = {**dict(zip(tables["figures"]["figure_id"], tables["figures"]["source_id"], strict=True)),
              **dict(zip(tables["quotes"]["quote_id"], tables["quotes"]["source_id"], strict=True))}
    for row in tables["checks"].itertuples():
        assert index.count(f' id="{row.check_id}"') == 1
        target = row.figure_id if isinstance(row.figure_id, str) else row.quote_id
        assert f'<a class="nowrap" href="{owners[target]}.html#{target}">{target}</a>' in index


def test_timeline_shows_both_verdicts(site, tables):
    out, _ = site
    root = ET.parse(out / "timeline.svg").getroot()
    groups = {element.get("id") for element in root.iter("{http://www.w3.org/2000/svg}g")}
    figures = tables["figures"]
    dated = figures[figures["period_start"].notna()]
    assert {g[len("figure-"):] for g in groups if g and g.startswith("figure-")} == set(dated["figure_id"])
    for question in ("relay", "data"):
        prefix = f"{question}-discrepancy-"
        crossed = {g[len(prefix):] for g in groups if g and g.startswith(prefix)}
        assert crossed == set(dated.loc[dated[f"{question}_status"] == "discrepancy", "figure_id"]), question
    labels = ["".join(text.itertext()) for text in root.iter("{http://www.w3.org/2000/svg}text")]
    signs = {"consistent": "✓", "discrepancy": "⚠", "unverified": "?"}

    def flow(row) -> str:
        return f" {row.flow_from} → {row.flow_to}" if isinstance(row.flow_from, str) else ""

    # Each label gives both verdicts, e.g. "003-f08 “8.8%” russia → china · relay ⚠ discrepancy, data ? unverified".
    for row in dated.itertuples():
        verdicts = (f"relay {signs[row.relay_status]} {row.relay_status}, "
                    f"data {signs[row.data_status]} {row.data_status}")
        assert f"{row.figure_id} “{row.text}”{flow(row)} · {verdicts}" in labels
    legend = [label for label in labels if label.startswith(("data ", "relay ", "the point"))]
    assert legend == ["the point by the data verdict, a square by the relay verdict; each label gives both",
                      "data consistent (✓)", "data unverified (?)", "data discrepancy (⚠)", "relay discrepancy (⚠)"]
    assert "check status" not in ET.tostring(root, encoding="unicode")
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1
    for row in dated.itertuples():
        relay, data = row.relay_status, row.data_status
        assert f"<td>{signs[relay]} {relay}</td><td>{signs[data]} {data}</td>" in page
    # Figures without a period are listed below it, e.g. "000-f05 “12%”" and "003-f01 “3-4 microns”".
    undated = [row for facts in present().values() for row in facts.figures if row.period_start is None]
    assert {row.figure_id for row in undated} <= set(figures.loc[figures["period_start"].isna(), "figure_id"])
    for row in figures[figures["period_start"].isna()].itertuples():
        assert f"{row.figure_id}</a> “{row.text}”: no period" in page


def timeline_row(page: str, figure_id: str) -> str:
    """The row of ``figure_id`` in the timeline page's table of figures."""
    start = page.index(f'#{figure_id}">{figure_id}</a>')
    return page[page.rindex("<tr>", 0, start):page.index("</tr>", start) + len("</tr>")]


# Hand-checked against annotations/ and references.yaml: 000-f02's report ft-2024-01-02 relays Russian
# customs and gives dollars where the article prints pounds (000-c03), so the article itself departs;
# 000-f04's report gives the share of Russia's CNC imports where the article says total imports (000-c05),
# so it departs in the article too; every relay check of 003-f03 is consistent, so nothing departs.
DEPARTURES = [
    ("000-f02", "000_b9924b3dcfb55283", "000_b9924b3dcfb55283 &gt; ft-2024-01-02 &gt; russian-customs",
     "000_b9924b3dcfb55283"),
    ("000-f04", "000_b9924b3dcfb55283", "000_b9924b3dcfb55283 &gt; ft-2024-01-02 &gt; russian-customs",
     "000_b9924b3dcfb55283"),
]


@pytest.mark.parametrize("figure_id, source_id, chain, departs", DEPARTURES, ids=[row[0] for row in DEPARTURES])
def test_each_figure_shows_where_it_departs_with_its_chain(site, figure_id, source_id, chain, departs):
    require_row(figure_id)
    out, _ = site
    page = (out / f"{source_id}.html").read_text(encoding="utf-8")
    card = page[page.index(f'<article class="card" id="row-{figure_id}"'):]
    card = card[:card.index("</article>")]
    assert f"<dt>chain</dt><dd>{chain}</dd><dt>departs_at</dt><dd>{departs}</dd>" in card  # as show gives them
    timeline = (out / "timeline.html").read_text(encoding="utf-8")
    assert timeline_row(timeline, figure_id).endswith(
        f"<td>⚠ discrepancy</td><td>? unverified</td><td>{chain}; departs at {departs}</td></tr>")  # as info does


def test_a_figure_that_departs_nowhere_says_so_on_the_timeline(site):
    require_row("003-f03")
    out, _ = site
    timeline = (out / "timeline.html").read_text(encoding="utf-8")
    assert timeline_row(timeline, "003-f03").endswith(
        "<td>✓ consistent</td><td>? unverified</td><td>003_c75e6f810a717f86 &gt; charter97-2025-09-08 &gt; reuters "
        "&gt; china-customs; departs at no document a check finds</td></tr>")
    page = (out / "003_c75e6f810a717f86.html").read_text(encoding="utf-8")
    card = page[page.index('<article class="card" id="row-003-f03"'):]
    assert "<dt>departs_at</dt>" not in card[:card.index("</article>")]  # a null field is left out, as in show


def test_two_builds_give_identical_files(site, tmp_path):
    out, written = site
    again = write_report(tmp_path)
    assert [path.read_bytes() for path in again] == [path.read_bytes() for path in written]


def test_import_stays_cheap(tmp_path):
    code = ("import sys, china_russia_tools, china_russia_tools.report, china_russia_tools.display; "
            "print(sorted(m for m in ('matplotlib', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout == "[]\n"


def test_missing_extra_names_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=re.escape('pip install "china-russia-tools[report]"')):
        write_report(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_report_with_no_figure_placed_in_time(tmp_path):
    # The small project with its one dated figure (100-f01, "in July") left without a period.
    from china_russia_tools import builder
    from minimal_project import ANNOTATION_PATH, make_project, replace_once

    root = make_project(tmp_path / "project")
    replace_once(root, ANNOTATION_PATH, "    period_start: 2023-07-01\n    period_end: 2023-07-31\n"
                 "    period_text: in July\n    period_inferred: true\n", "    period_inferred: false\n")
    builder.write(root)
    crt.tables.use_data_dir(root)
    try:
        write_report(tmp_path / "out")
    finally:
        crt.tables.use_data_dir(None)
    svg = ET.parse(tmp_path / "out" / "timeline.svg").getroot()
    assert ["".join(text.itertext()) for text in svg.iter("{http://www.w3.org/2000/svg}text")] == [
        "No figure has a period."]
    page = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    assert "<h2>Figures on the timeline</h2><p>No figure has a period.</p>" in page
    for figure_id, text in (("100-f01", "£68 million"), ("100-f02", "12%"), ("100-f03", "57%")):
        assert f"{figure_id}</a> “{text}”: no period" in page


def test_a_range_on_the_timeline_reads_in_full(installed_range, tmp_path):
    # "£60 million to £70 million" in July: 60,000,000–70,000,000, not 6e+07–7e+07.
    write_report(tmp_path / "out")
    page = (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8")
    assert ("<td>£60 million to £70 million</td><td class=\"number\">60,000,000–70,000,000</td><td>GBP</td>"
            in page)


def test_the_report_links_entity_names_to_wikidata(tmp_path: Path):
    needs("matplotlib")
    from china_russia_tools.report import write_report

    write_report(tmp_path)
    page = (tmp_path / "000_b9924b3dcfb55283.html").read_text(encoding="utf-8")
    assert '<dt>entity_id</dt><dd>soviet-union · <a href="https://www.wikidata.org/wiki/Q15180" ' in page
    assert "<dt>attributed_to</dt><dd>financial-times · Financial Times</dd>" in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.wikidata.org/wiki/Q15031" title="Wikidata Q15031">Xi Jinping</a>' in index
