"""A small, complete project (one seed, its annotations, entities, references, products) for breaking on
purpose.

It uses the real Table Schemas of ``datapackage.json``; its own seed and annotations are written here,
so that each test can change one line and know exactly which problem it must cause.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from china_russia_tools.tables import clear_cache, id_column
from conftest import ROOT

SOURCE_ID = "100_0123456789abcdef"
SEED_PATH = f"seeds/{SOURCE_ID}.txt"
ANNOTATION_PATH = f"annotations/{SOURCE_ID}.yaml"

SEED = """\
Lathe exports climb again
By A. Writer

China’s exports of machine tools to Russia rose to £68 million in July, up 12% on June.
Russia bought 57% of its lathes from China. “We buy what we need,” an official in Moscow said.
Russia and China traded more.
Share this article
"""

ANNOTATIONS = """\
source:
  title: Lathe exports climb again
  byline: By A. Writer
  body_starts_with: China’s exports
  body_ends_with: China traded more.
  language: en
  published_earliest: 2024-01-02
  published_latest: 2024-01-31
  published_reference_id: null
  date_note: The text names July and June; the file was received in January 2024.
  license: Copyright stays with the publisher.
  note: The file was received without its address or publisher.

figures:
  - id: 100-f01
    text: £68 million
    value: 68000000
    unit: GBP
    approximation: exact
    measure: trade_value
    statistic: level
    flow_from: china
    flow_to: russia
    product: machine tools
    product_id: machine-tools
    period_start: 2023-07-01
    period_end: 2023-07-31
    period_text: in July
    period_inferred: true
    series_id: cn-exports-to-ru-machine-tools
    series_note: In pounds, converted from the series' US dollars at July's average rate.
    note: The year is that of the date window.

  - id: 100-f02
    text: 12%
    value: 12
    unit: percent
    approximation: exact
    measure: trade_value
    statistic: change
    flow_from: china
    flow_to: russia
    product: machine tools
    product_id: machine-tools
    period_inferred: false
    series_note: A change on the month before; no series of month-on-month changes is named.

  - id: 100-f03
    text: 57%
    value: 57
    unit: percent
    approximation: exact
    measure: import_share
    statistic: level
    flow_from: china
    flow_to: russia
    product: lathes
    product_id: lathes
    period_inferred: false
    series_note: A share of two series.

mentions:
  - {id: 100-m01, entity_id: china, text: China, within: China’s exports}
  - {id: 100-m02, entity_id: russia, text: Russia, within: Russia bought}
  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}

quotes:
  - id: 100-q01
    text: We buy what we need,
    kind: direct
    speaker_id: null
    speaker_text: an official
    cue: said
    venue_id: null

checks:
  - id: 100-c01
    figure_id: 100-f03
    question: relay
    method: reference
    reference_id: customs-2024-01-02
    status: consistent
    expected: 57% of lathes from China
    found: bought 57% of its lathes from China
"""

ENTITIES = """\
entities:
  - id: china
    name: China
    entity_type: country
    country_code: CN
    wikidata_id: null
    description: The People's Republic of China.
  - id: russia
    name: Russia
    entity_type: country
    country_code: RU
    wikidata_id: null
    description: The Russian Federation.
"""

REFERENCES = """\
references:
  - id: customs-2024-01-02
    publisher: Example Customs Office
    title: Imports of lathes
    published: 2024-01-02
    url: null
    note: A table of imports by country of origin.
"""

PRODUCTS = """\
products:
  - id: machine-tools
    name: Machine tools
    description: Metal-working machine tools.
    note: The text's "machine tools", mapped to HS headings 8456 to 8463.
  - id: lathes
    name: Lathes
    description: Lathes for removing metal.
    note: The text's "lathes", mapped to HS heading 8458.
"""

PRODUCT_CODES = """\
product_codes:
  - id: machine-tools-8456
    product_id: machine-tools
    classification: HS2022
    code: "8456"
    note: HS 2022 heading 8456, the first of headings 8456 to 8463.
  - id: lathes-8458
    product_id: lathes
    classification: HS2022
    code: "8458"
    note: HS 2022 heading 8458, "Lathes for removing metal".
"""

SERIES = """\
series:
  - id: cn-exports-to-ru-machine-tools
    agency_id: china
    reporter: CN
    partner: RU
    flow: export
    product_id: machine-tools
    frequency: monthly
    currency: USD
    valuation: null
    public: true
    mirror_id: null
    documentation: null
    note: China's exports of machine tools to Russia.
"""

OBSERVATIONS = """\
observations:
  - id: customs-2024-01-02-july
    series_id: cn-exports-to-ru-machine-tools
    period_start: 2023-07-01
    period_end: 2023-07-31
    value: 68000000
    unit: USD
    statistic: level
    reference_id: customs-2024-01-02
    text: 68 million dollars in July
    value_words: 68 million dollars
"""

CORRECTIONS = """\
corrections:
  - id: 0.3.0-001
    version: 0.3.0
    table: figures
    row_id: 100-f03
    field: product
    change: changed
    old: lathes
    new: lathes and milling machines
    reason: The article says lathes and milling machines.
    reference_id: customs-2024-01-02
"""
"""A correction of the small project's figure 100-f03, for corrections.yaml (the project starts with none)."""


def make_project(root: Path) -> Path:
    """Write the small project under ``root`` (with the checkout's descriptor) and return ``root``."""
    for folder in ("seeds", "annotations", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "datapackage.json", root / "datapackage.json")
    (root / SEED_PATH).write_text(SEED, encoding="utf-8")
    (root / ANNOTATION_PATH).write_text(ANNOTATIONS, encoding="utf-8")
    (root / "annotations" / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (root / "annotations" / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (root / "annotations" / "corrections.yaml").write_text("corrections: []\n", encoding="utf-8")
    (root / "annotations" / "products.yaml").write_text(PRODUCTS, encoding="utf-8")
    (root / "annotations" / "product_codes.yaml").write_text(PRODUCT_CODES, encoding="utf-8")
    (root / "annotations" / "series.yaml").write_text(SERIES, encoding="utf-8")
    (root / "annotations" / "observations.yaml").write_text(OBSERVATIONS, encoding="utf-8")
    return root


def write_pinned(root: Path, descriptor: dict) -> None:
    """Write ``descriptor`` to the project's ``datapackage.json`` and pin it, as the build would."""
    data = (json.dumps(descriptor, indent=2) + "\n").encode("utf-8")
    (root / "datapackage.json").write_bytes(data)
    (root / "datapackage.json.sha256").write_text(f"{hashlib.sha256(data).hexdigest()}  datapackage.json\n")


def rehash(root: Path, name: str) -> None:
    """Make the descriptor pin the current bytes of table ``name``, as if the build had written them."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(r for r in descriptor["resources"] if r["name"] == name)
    entry["hash"] = "sha256:" + hashlib.sha256((root / entry["path"]).read_bytes()).hexdigest()
    write_pinned(root, descriptor)
    clear_cache()  # the loader reads the files again


def replace_once(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in the text file ``relative`` of the project ``root``."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_range(root: Path) -> None:
    """Make the dated figure 100-f01 a range, as its text now reads: "£60 million to £70 million" in July."""
    replace_once(root, SEED_PATH, "£68 million", "£60 million to £70 million")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: £60 million to £70 million\n    value: null\n"
                 "    value_low: 60000000\n    value_high: 70000000\n")


def refusal(root: Path) -> AnnotationError:
    """The error a build of ``root`` raises, with every problem's line and code."""
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return raised.value


def forge(root: Path, table: str, row_id: str, **values: object) -> None:
    """Change one row of an installed table and re-pin every hash, as a forger would."""
    path = root / "data" / f"{table}.parquet"
    data = pq.read_table(path)
    rows = data.to_pylist()
    key = id_column(table)
    assert sum(row[key] == row_id for row in rows) == 1
    for row in rows:
        if row[key] == row_id:
            row.update(values)
    pq.write_table(pa.Table.from_pylist(rows, schema=data.schema), path, compression="zstd")
    rehash(root, table)


def edit_descriptor(root: Path, change) -> dict:
    """The project's descriptor with ``change`` applied to the fields of the figures table (by name)."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    change({field["name"]: field for field in figures["schema"]["fields"]})
    return descriptor


def drop_gbp(fields: dict) -> None:
    fields["unit"]["constraints"]["enum"].remove("GBP")


def value_as_integer(fields: dict) -> None:
    fields["value"]["type"] = "integer"


def set_resource_path(name: str, path: str) -> Callable[[Path], None]:
    """A mutation giving the descriptor's resource ``name`` another ``path``."""

    def mutate(root: Path) -> None:
        descriptor_file = root / "datapackage.json"
        descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
        next(r for r in descriptor["resources"] if r["name"] == name)["path"] = path
        write_pinned(root, descriptor)

    return mutate


WIRE = """\
  - id: wire-2024-01-03
    publisher: Example Wire
    title: Lathe imports
    published: 2024-01-03
    url: null
    relays: customs-2024-01-02
    note: A wire story relaying the customs table.
  - id: paper-2024-01-04
    publisher: Example Paper
    title: More lathes
    published: 2024-01-04
    url: null
    relays: wire-2024-01-03
    note: A newspaper story relaying the wire.
"""


DATA_CHECK = """\
  - id: 100-c02
    figure_id: 100-f01
    question: data
    method: observation
    rule: equal
    observations: customs-2024-01-02-july
"""


def with_wire(root):
    """Add a wire relaying the customs table and a paper relaying the wire."""
    path = root / "annotations" / "references.yaml"
    path.write_text(path.read_text(encoding="utf-8") + WIRE, encoding="utf-8")


def add_check(root, text: str = DATA_CHECK) -> None:
    path = root / ANNOTATION_PATH
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def figures_of(root) -> dict[str, dict]:
    rows = builder.build_tables(root, builder.outputs.read_descriptor(root))
    return {row["figure_id"]: row for row in rows["figures"]}, {row["check_id"]: row for row in rows["checks"]}



def coded(problems) -> list[tuple[str, str]]:
    """Each problem's place (its file and row) and code, in order: what a test of a rule asserts. The exact
    words of each message are asserted once, in tests/test_problems_words*.py."""
    return [(problem.where, problem.code) for problem in getattr(problems, "records", problems)]
