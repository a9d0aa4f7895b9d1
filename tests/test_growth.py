"""Growth: a new source needs no code, and a new anchored table needs only the descriptor, the
registry and the annotations; both flow through build, load, validate, show, report and export."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, hooks, registry, tables, validate
from china_russia_tools.export import export
from china_russia_tools.report import write_report
from conftest import ROOT

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
    events = registry.Table("events", "layer", cite=hooks.anchored_citation, layer="event",
                            keys=registry.ANCHOR_KEYS, in_body=True, legend="events, as reported")
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
    shown = str(crt.show("growth-test-e01"))
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
    named = set(re.findall(r"`(?:china_russia_tools/)?(?:build/)?([a-z_]+\.py)`", page))
    assert {"registry.py", "hooks.py", "tables.py", "assembly.py", "staleness.py"} <= named
    package = ROOT / "china_russia_tools"
    modules = {path.name for path in package.rglob("*.py")}
    assert named <= modules, f"docs/architecture.md names modules that do not exist: {sorted(named - modules)}"


def test_no_module_is_over_400_lines():
    long = {path.relative_to(ROOT).as_posix(): n for path in (ROOT / "china_russia_tools").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
