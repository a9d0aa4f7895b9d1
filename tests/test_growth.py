"""Growth: a new source needs no code, and a new anchored table needs only the descriptor, the
registry and the annotations; both flow through build, load, validate, show, report and export. A new
check method is one entry of ``check_methods.METHODS`` and its name in the descriptor."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, check_methods, registry, tables, validate, verdicts
from china_russia_tools.export import export
from china_russia_tools.fields import ids
from china_russia_tools.report import write_report
from conftest import ROOT
from corpus import S000, S003, require
from minimal_project import coded, forge, refusal, replace_once

pytestmark = pytest.mark.slow

SOURCE_ID = "growth-test"  # its prefix is the whole id, unlike any published or likely source
SEED = """\
Port of Vostochny handles more lathes
Trade desk

Customs officers at Vostochny cleared 1,200 Chinese lathes in March, a record, the port said.
“We have never seen so many,” a port official told reporters.
"""
ANNOTATIONS = """\
source:
  title: Port of Vostochny handles more lathes
  byline: Trade desk
  body_starts_with: Customs officers
  body_ends_with: told reporters.
  language: en
  published_earliest: null
  published_latest: null
  date_note: The text gives no date.
  license: Copyright stays with the publisher.
  note: The file was received without its address or publisher.

mentions:
  - {id: growth-test-m01, entity_id: china, text: Chinese, demonym: true}

quotes:
  - id: growth-test-q01
    text: We have never seen so many,
    kind: direct
    speaker_id: null
    speaker_text: a port official
    cue: told reporters
    venue_id: null

events:
  - id: growth-test-e01
    text: cleared 1,200 Chinese lathes
    kind: customs_clearance
"""

EVENTS = {
    "name": "events",
    "title": "Events",
    "description": "One row per event a source reports.",
    "path": "data/events.parquet",
    "format": "parquet",
    "mediatype": "application/vnd.apache.parquet",
    "schema": {
        "fields": [
            {"name": "event_id", "type": "string", "description": "Stable id of the event.",
             "constraints": {"required": True, "unique": True, "pattern": "^[a-z0-9-]+-e[0-9]{2,}$"}},
            {"name": "source_id", "type": "string", "description": "The source.", "constraints": {"required": True}},
            {"name": "char_start", "type": "integer", "description": "First code point.",
             "constraints": {"required": True, "minimum": 0}},
            {"name": "char_end", "type": "integer", "description": "End code point (exclusive).",
             "constraints": {"required": True, "minimum": 1}},
            {"name": "text", "type": "string", "description": "The exact words.", "constraints": {"required": True}},
            {"name": "kind", "type": "string", "description": "What happened.",
             "constraints": {"required": True, "enum": ["customs_clearance", "shipment"]}},
            {"name": "citation", "type": "string", "description": "Readable citation.",
             "constraints": {"required": True}},
        ],
        "primaryKey": ["event_id"],
        "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}],
    },
}


@pytest.fixture
def grown(project: Path, monkeypatch: pytest.MonkeyPatch):
    """The project with a third source and an ``events`` table, built, and the loader reading it."""
    (project / "seeds" / f"{SOURCE_ID}.txt").write_text(SEED, encoding="utf-8")
    (project / "annotations" / f"{SOURCE_ID}.yaml").write_text(ANNOTATIONS, encoding="utf-8")
    descriptor_file = project / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor["resources"].insert(len(registry.REGISTRY), copy.deepcopy(EVENTS))
    descriptor_file.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    events = registry.Table("events", "layer", in_body=True, legend="events, as reported")
    monkeypatch.setitem(registry.REGISTRY, "events", events)
    output = builder.write(project)
    tables.use_data_dir(project)
    yield project, output
    tables.use_data_dir(None)


def test_a_third_source_and_a_new_table_build(grown):
    project, output = grown
    assert output.tables["events"].to_pylist() == [{
        "event_id": "growth-test-e01", "source_id": SOURCE_ID, "char_start": SEED.index("cleared"),
        "char_end": SEED.index("cleared") + len("cleared 1,200 Chinese lathes"), "text": "cleared 1,200 Chinese lathes",
        "kind": "customs_clearance",
        "citation": f"“cleared 1,200 Chinese lathes” (growth-test-e01), Port of Vostochny handles more lathes "
                    f"[{SOURCE_ID}], code points 80–108; china-russia-tools {crt.__version__}.",
    }]
    assert SEED[80:108] == "cleared 1,200 Chinese lathes"
    assert SOURCE_ID in output.tables["sources"].column("source_id").to_pylist()
    assert builder.stale_outputs(project) == []


def test_the_new_table_loads_and_validates(grown):
    events = crt.load("events")
    assert events["event_id"].tolist() == ["growth-test-e01"]
    assert list(events["kind"].cat.categories) == ["customs_clearance", "shipment"]
    assert crt.records("quotes")[-1]["quote_id"] == "growth-test-q01"
    assert validate.provenance_problems() == []
    assert validate.frictionless_problems(tables.descriptor_path()) == []


def test_the_new_table_shows_and_cites(grown):
    shown = str(crt.shown("growth-test-e01"))
    assert shown.startswith("Customs officers at Vostochny ⟦cleared 1,200 Chinese lathes⟧ in March, a record")
    assert "kind: customs_clearance" in shown
    assert crt.cite("growth-test-e01").splitlines()[0].startswith("“cleared 1,200 Chinese lathes” (growth-test-e01)")


def test_the_new_table_is_in_the_report_and_exports(grown, tmp_path: Path):
    write_report(tmp_path / "report")
    page = (tmp_path / "report" / f"{SOURCE_ID}.html").read_text(encoding="utf-8")
    assert re.search(r'<mark class="crt-mark" data-layer="event" id="growth-test-e01"[^>]*>cleared 1,200 '
                     r'<mark [^>]*data-id="growth-test-m01"[^>]*>Chinese</mark> lathes</mark>', page)
    assert "<h2>Events (1)</h2>" in page
    export(tmp_path / "csv", "csv")
    assert (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").splitlines() == [
        "event_id,source_id,char_start,char_end,text,kind,citation",
        f"growth-test-e01,{SOURCE_ID},80,108,"
        f"\"cleared 1,200 Chinese lathes\",customs_clearance,"
        f"\"“cleared 1,200 Chinese lathes” (growth-test-e01), Port of Vostochny handles more lathes [{SOURCE_ID}], "
        f"code points 80–108; china-russia-tools {crt.__version__}.\"",
    ]


def test_the_architecture_page_names_modules_that_exist():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:china_russia_tools/)?(?:builder/)?([a-z_]+\.py)`", page))
    assert {"registry.py", "row_rules.py", "row_citations.py", "tables.py", "assembly.py", "staleness.py"} <= named
    package = ROOT / "china_russia_tools"
    modules = {path.name for path in package.rglob("*.py")} | {path.name for path in (ROOT / "tests").glob("*.py")}
    assert named <= modules, f"docs/architecture.md names modules that do not exist: {sorted(named - modules)}"


def test_no_module_is_over_400_lines():
    long = {path.relative_to(ROOT).as_posix(): n for path in (ROOT / "china_russia_tools").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


PORTS = {
    "name": "ports",
    "title": "Ports",
    "description": "One row per port a source names.",
    "path": "data/ports.parquet",
    "format": "parquet",
    "mediatype": "application/vnd.apache.parquet",
    "schema": {
        "fields": [
            {"name": "port_id", "type": "string", "description": "Stable slug of the port.",
             "constraints": {"required": True, "unique": True, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}},
            {"name": "name", "type": "string", "description": "Its name.", "constraints": {"required": True}},
            {"name": "country_id", "type": "string", "description": "Its country (entity)."},
            {"name": "citation", "type": "string", "description": "Readable citation.",
             "constraints": {"required": True}},
        ],
        "primaryKey": ["port_id"],
        "foreignKeys": [{"fields": ["country_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}}],
    },
}
PORTS_YAML = "ports:\n  - {id: vostochny, name: Port of Vostochny, country_id: russia}\n"
SECTION = {"name": "section", "type": "string", "description": "The section of the site the source ran in."}


@pytest.fixture
def shared_grown(project: Path, monkeypatch: pytest.MonkeyPatch):
    """The project with a shared table ``ports`` (descriptor, registry entry, annotation file: three
    files) and a ``sources`` column ``section`` (the descriptor alone), built, the loader reading it."""
    descriptor_file = project / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor["resources"].insert(len(registry.REGISTRY), copy.deepcopy(PORTS))
    sources = next(entry for entry in descriptor["resources"] if entry["name"] == "sources")
    sources["schema"]["fields"].insert(-1, SECTION)
    descriptor_file.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    (project / "annotations" / "ports.yaml").write_text(PORTS_YAML, encoding="utf-8")
    replace_once(project, f"annotations/{S000}.yaml", "  language: en\n", "  language: en\n  section: World\n")
    monkeypatch.setitem(registry.REGISTRY, "ports", registry.Table("ports", "shared"))
    output = builder.write(project)
    tables.use_data_dir(project)
    yield project, output
    tables.use_data_dir(None)


def test_a_new_shared_table_needs_the_descriptor_a_registry_entry_and_its_file(shared_grown):
    project, output = shared_grown
    citation = f"Port of Vostochny (vostochny), ports table of china-russia-tools {crt.__version__}."
    assert output.tables["ports"].to_pylist() == [
        {"port_id": "vostochny", "name": "Port of Vostochny", "country_id": "russia", "citation": citation}
    ]
    assert crt.load("ports")["name"].tolist() == ["Port of Vostochny"]
    assert crt.ports()["port_id"].tolist() == ["vostochny"]  # the table function comes from the registry
    assert crt.cite("vostochny").splitlines()[0] == citation
    assert validate.provenance_problems() == []
    assert builder.stale_outputs(project) == []


def test_a_new_shared_table_refuses_an_unknown_key(shared_grown):
    project, _ = shared_grown
    replace_once(project, "annotations/ports.yaml", "country_id: russia", "country_id: atlantis")
    assert coded(refusal(project)) == [("annotations/ports.yaml: ports id vostochny", "unknown-reference")]


def test_a_new_sources_column_needs_only_the_descriptor(shared_grown):
    sections = {row["source_id"]: row["section"] for row in crt.records("sources")}
    assert sections.pop(S000) == "World"
    assert set(sections.values()) == {None}  # the other sources do not write it


def test_a_new_export_format_needs_only_its_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    import importlib

    from china_russia_tools.cli import main, parser

    export_module = importlib.import_module("china_russia_tools.export")

    def write_ids(folder: Path) -> list[str]:
        """The figures' ids, one a line."""
        (folder / "figure-ids.txt").write_text("\n".join(crt.load("figures")["figure_id"]) + "\n", encoding="utf-8")
        return ["figure-ids.txt"]

    monkeypatch.setitem(export_module.WRITERS, "ids", write_ids)
    assert main(["export", str(tmp_path / "out"), "--format", "ids"]) == 0
    written = (tmp_path / "out" / "figure-ids.txt").read_text(encoding="utf-8").splitlines()
    assert written == crt.load("figures")["figure_id"].tolist()
    assert f"wrote {tmp_path / 'out' / 'figure-ids.txt'}" in capsys.readouterr().out
    export_command = parser()._subparsers._group_actions[0].choices["export"]
    (format_option,) = [action for action in export_command._actions if action.dest == "format"]
    assert format_option.help.endswith("; ids: The figures' ids, one a line.")


def test_a_new_backend_needs_only_its_entry(monkeypatch: pytest.MonkeyPatch):
    from china_russia_tools import backends

    rows = backends.Backend(
        libraries=(), install="nothing to install", from_file=crt.records, from_rows=lambda rows, _fields, _name: rows,
        fresh=list, records=crt.records, table_type=("builtins", "list"), columns=lambda table: list(table[0]),
        values=lambda table, column: [row[column] for row in table if row[column] is not None],
    )
    monkeypatch.setitem(backends.BACKENDS, "rows", rows)
    tables.clear_cache()
    assert crt.load("figures", backend="rows") == crt.records("figures")
    assert crt.figures(backend="rows")[0]["figure_id"] == crt.records("figures")[0]["figure_id"]


def order_columns(check: dict, lookup) -> dict:
    """The made-up method ``order``: a figure said to be larger than its one operand is."""
    figures = lookup("figures")
    stated, (other,) = figures[check["figure_id"]], [figures[operand] for operand in ids(check["operands"])]
    larger = stated["value"] > other["value"]
    return {
        "status": "consistent" if larger else "discrepancy",
        "expected": f"more than {other['figure_id']}",
        "found": f"{stated['value']} against {other['value']}",
        "kind": None if larger else "magnitude",
        "tolerance": None,
    }


ORDER = check_methods.Method(
    computes="a figure the article says is larger than another (its operand) against that figure",
    needs=("figure_id", "operands"),
    leaves=check_methods.COMPUTED,
    answers={"relay": check_methods.STATUSES},
    refusal="an order check compares the article's own figures: it answers the relay question",
    confirms=True,
    cite=lambda check, _lookup: f"The order of figures {check['figure_id']} and {check['operands']}.",
    names={"operands": "figures"},
    compute=order_columns,
    basis="its figures",
)
ORDER_CHECK = ("  - id: 003-c100\n    figure_id: 003-f03\n    question: relay\n    method: order\n"
               "    operands: 003-f04\n")


@pytest.fixture
def ordered(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project with a check method ``order``: its entry in ``check_methods.METHODS`` and its name in the
    descriptor's ``enum`` of the checks' ``method``, nothing else."""
    require(S003)
    descriptor_file = project / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    checks = next(entry for entry in descriptor["resources"] if entry["name"] == "checks")
    next(field for field in checks["schema"]["fields"] if field["name"] == "method")["constraints"]["enum"].append(
        "order")
    descriptor_file.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    monkeypatch.setitem(check_methods.METHODS, "order", ORDER)
    return project


def test_a_new_check_method_needs_only_its_entry(ordered: Path):
    replace_once(ordered, f"annotations/{S003}.yaml", "checks:\n", f"checks:\n{ORDER_CHECK}")
    output = builder.write(ordered)
    check = next(row for row in output.tables["checks"].to_pylist() if row["check_id"] == "003-c100")
    # the article gives the fall in exports, 16.4%, and in imports, 8.6%: -16.4 is not more than -8.6
    assert {name: check[name] for name in ("method", "status", "kind", "expected", "found", "citation")} == {
        "method": "order", "status": "discrepancy", "kind": "magnitude", "expected": "more than 003-f04",
        "found": "-16.4 against -8.6", "citation": "The order of figures 003-f03 and 003-f04.",
    }
    figure = next(row for row in output.tables["figures"].to_pylist() if row["figure_id"] == "003-f03")
    assert (figure["relay_status"], figure["data_status"], figure["check_status"]) == (
        "discrepancy", "unverified", "discrepancy")  # consistent before, by its references
    assert verdicts.statuses([{"question": "relay", "method": "order", "status": "consistent"}], True) == {
        "relay_status": "consistent", "data_status": "unverified", "check_status": "consistent"}  # it confirms
    tables.use_data_dir(ordered)
    try:
        assert validate.provenance_problems() == []
        forge(ordered, "checks", "003-c100", status="consistent", kind=None)
        assert "checks 003-c100: status is 'consistent', but recomputed from its figures it is 'discrepancy'" in (
            validate.provenance_problems())
    finally:
        tables.use_data_dir(None)


def test_a_new_check_method_answers_only_its_questions(ordered: Path):
    replace_once(ordered, f"annotations/{S003}.yaml", "checks:\n",
                 "checks:\n" + ORDER_CHECK.replace("question: relay", "question: data"))
    assert refusal(ordered).problems == [
        f"annotations/{S003}.yaml: checks id 003-c100: an order check compares the article's own figures: it answers "
        "the relay question"]
