"""Bad input and faults that once gave a silent wrong value (issue 20): a span cut inside a word, a row
forged with its hashes updated, YAML aliases, NUL bytes. Each is refused with an exact message."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import china_russia_tools as crt
from china_russia_tools import builder, registry, validate
from china_russia_tools.errors import AnnotationError, DataError
from china_russia_tools.spans import whole_words
from minimal_project import ANNOTATION_PATH, SEED_PATH, make_project, refusal, rehash, replace_once

FILE = ANNOTATION_PATH


def problems_of(root: Path) -> list[str]:
    with pytest.raises(AnnotationError) as raised:
        builder.write(root)
    return raised.value.problems


def test_a_figure_cut_inside_a_number_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: 8 million\n    value: 8000000\n")
    error = refusal(root)
    assert error.problems == [
        f"{FILE}: figures id 100-f01: text '8 million' starts inside a word or number "
        "(“to £6⟦8 million⟧ in”); a span covers whole words and numbers"
    ]
    assert error.codes == ["span-inside-word"]


def test_a_figure_without_its_scale_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: £68\n    value: 68\n")
    error = refusal(root)
    assert error.problems == [
        f"{FILE}: figures id 100-f01: text '£68' leaves out the word 'million' that follows it, which scales "
        "its number; include it in the span"
    ]
    assert error.codes == ["scale-outside-span"]


def test_a_decimal_cut_from_its_scale_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "£68 million", "£6.5 million")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: '6.5'\n    value: 6.5\n")
    error = refusal(root)
    assert error.problems == [
        f"{FILE}: figures id 100-f01: text '6.5' leaves out the word 'million' that follows it, which scales "
        "its number; include it in the span"
    ]
    assert error.codes == ["scale-outside-span"]


def test_a_digit_cut_from_a_decimal_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "£68 million", "£6.5 million")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: 5 million\n    within: £6.5 million\n    value: 5000000\n")
    assert problems_of(root) == [
        f"{FILE}: figures id 100-f01: text '5 million' starts inside a word or number (“to £6.⟦5 million⟧ in”); "
        "a span covers whole words and numbers",
    ]


def test_a_mention_inside_a_longer_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "Russia and China traded", "Russian and China traded")
    replace_once(root, ANNOTATION_PATH, "within: Russia bought}", "within: Russian and}")
    error = refusal(root)
    assert error.problems == [
        f"{FILE}: mentions id 100-m02: text 'Russia' ends inside a word or number (“said. ⟦Russia⟧n and”); "
        "a span covers whole words and numbers"
    ]
    assert error.codes == ["span-inside-word"]


@pytest.mark.parametrize("text, start, end", [
    ("the Kremlin’s view", 4, 11),   # before an apostrophe
    ("rose to £68 million.", 9, 19),  # after a currency sign, before a full stop
    ("a pre-war figure", 2, 9),       # hyphenated word whole
    ("up 12%, then", 3, 6),
])
def test_boundaries_at_punctuation_apostrophes_and_currency_signs_are_whole_words(text, start, end):
    assert whole_words(text, start, end) is None


def forge(root: Path, table: str, row_id: str, **values: object) -> None:
    """Change one row of an installed table and update every hash pin, as a forger would."""
    path = root / "data" / f"{table}.parquet"
    data = pq.read_table(path)
    rows = data.to_pylist()
    key = "figure_id" if table == "figures" else f"{table[:-1]}_id"
    for row in rows:
        if row[key] == row_id:
            row.update(values)
    pq.write_table(pa.Table.from_pylist(rows, schema=data.schema), path, compression="zstd")
    rehash(root, table)


def test_validate_rechecks_a_forged_value(installed: Path):
    forge(installed, "figures", "100-f01", value=99000000.0, value_low=99000000.0, value_high=99000000.0)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 100-f01: value 99,000,000 does not agree with the number written in text '£68 million' "
        "(68,000,000); write values in base units, e.g. '£68 million' is 68000000"
    ]
    assert [problem.code for problem in found] == ["value-words-mismatch"]


def test_validate_rechecks_a_forged_range_end(installed: Path):
    forge(installed, "figures", "100-f01", value_high=70000000.0)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 100-f01: value 68000000.0 is set, so value_low and value_high are it too, not 68000000.0 and "
        "70000000.0; a range has value null"
    ]
    assert [problem.code for problem in found] == ["value-range"]


def test_validate_rechecks_a_forged_unit(installed: Path):
    forge(installed, "figures", "100-f01", unit="USD")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 100-f01: unit 'USD' does not agree with the currency or sign written in text '£68 million' (GBP)"
    ]
    assert [problem.code for problem in found] == ["unit-words-mismatch"]


def test_validate_rechecks_a_forged_span(installed: Path):
    forge(installed, "figures", "100-f01", char_start=52, char_end=63)
    text = (installed / SEED_PATH).read_text(encoding="utf-8")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 100-f01: text '£68 million' differs from the source's code points 52-63, {text[52:63]!r}"
    ]
    assert [problem.code for problem in found] == ["span-text-mismatch"]


def test_show_and_the_report_refuse_a_forged_span(installed: Path, tmp_path: Path):
    from china_russia_tools import citation

    forge(installed, "figures", "100-f01", char_start=52, char_end=63)
    citation._rows_by_id.cache_clear()
    text = (installed / SEED_PATH).read_text(encoding="utf-8")
    message = (
        f"figure 100-f01: text '£68 million' differs from code points 52-63 of source 100_0123456789abcdef, "
        f"{text[52:63]!r}; the data was changed after the build (reinstall the package; in a checkout, run "
        "`china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.show("100-f01")
    pytest.importorskip("matplotlib")
    from china_russia_tools.report import write_report

    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        write_report(tmp_path / "report")
    assert not (tmp_path / "report").exists()


@pytest.mark.parametrize("yaml_text, position, what", [
    ("note: &a [x, x]\nother: [*a, *a]\n", "line 2, column 11", "an anchor (&a)"),
    ("note: [x, x]\nother: *a\n", "line 3, column 12", "an alias (*a)"),
])
def test_yaml_anchors_and_aliases_are_refused(tmp_path: Path, yaml_text: str, position: str, what: str):
    root = make_project(tmp_path)
    (root / "annotations" / "references.yaml").write_text("references:\n  - " + yaml_text.replace("\n", "\n    "),
                                                          encoding="utf-8")
    assert problems_of(root)[0] == (
        f"annotations/references.yaml: not valid YAML at {position}: {what} is refused; write each value out"
    )


def test_an_alias_bomb_in_a_note_is_refused_at_once(tmp_path: Path):
    root = make_project(tmp_path)
    bomb = "".join(f"    l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12))
    replace_once(root, ANNOTATION_PATH, "    note: The year is that of the date window.\n",
                 "    note: The year is that of the date window.\n    x: &l0 lol\n" + bomb)
    error = refusal(root)
    assert error.problems == [f"{FILE}: not valid YAML at line 30, column 8: an anchor (&l0) is refused; "
                                 "write each value out"]
    assert error.codes == ["yaml-alias"]


def test_an_oversized_annotation_file_is_refused(tmp_path: Path, monkeypatch):
    from china_russia_tools.builder import inputs

    root = make_project(tmp_path)
    monkeypatch.setattr(inputs, "MAX_YAML_BYTES", 100)
    size = (root / "annotations" / "references.yaml").stat().st_size
    assert f"annotations/references.yaml: is {size:,} bytes; annotation files may hold at most 100" in problems_of(root)


@pytest.mark.parametrize("data, message", [
    (b"Lathe\x00exports\n", "contains a NUL character at code point 5; seeds are plain text"),
    (b"\xef\xbb\xbfLathe\n", "starts with a UTF-8 byte order mark; seeds must be stored without one"),
    (b"Lathe\r\nexports\n", "contains a carriage return at code point 5; seeds use LF line ends"),
    (b"Lathe \xff\n", "not valid UTF-8 at byte 6: invalid start byte"),
])
def test_a_refused_seed_gets_one_message_naming_what_is_wrong(tmp_path: Path, data: bytes, message: str):
    root = make_project(tmp_path)
    (root / SEED_PATH).write_bytes(data)
    assert problems_of(root) == [f"{SEED_PATH}: {message}"]


def test_a_symlinked_seed_in_the_data_is_named_a_link(installed: Path, tmp_path: Path):
    seed = installed / SEED_PATH
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(seed.read_bytes())
    seed.unlink()
    seed.symlink_to(outside)
    message = (
        f"{seed}: resource 'seed-100-0123456789abcdef' is a link to {outside}, outside {installed}; "
        "the data's files must be inside its folder"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.tables.source_text("100_0123456789abcdef")


def test_diff_of_an_edited_csv_export_says_it_was_edited(tmp_path: Path):
    import hashlib
    import json

    out = tmp_path / "out"
    crt.export(out, "csv")
    path = out / "figures.csv"
    pinned = next(r["hash"] for r in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]
                  if r["name"] == "figures").removeprefix("sha256:")
    path.write_bytes(path.read_bytes().replace(b"68000000", b"69000000", 1))
    with pytest.raises(DataError) as raised:
        crt.diff(out)
    assert str(raised.value) == (
        f"{path}: SHA-256 is {hashlib.sha256(path.read_bytes()).hexdigest()}, the descriptor says {pinned}; "
        "the file was changed after it was exported; diff reads an export as written (export it again)"
    )


@pytest.mark.parametrize("written, message", [
    ("1e400", "value must be a finite number no larger than 1.798e+308, got '1e400'"),
    ("1.0e+400", "value must be a finite number no larger than 1.798e+308, got inf"),
    ("1e5", "value must be a number, got the text '1e5': YAML reads an exponent as a number only written 1.0e+5"),
])
def test_a_number_too_large_or_written_as_text_is_named_so(tmp_path: Path, written: str, message: str):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    value: 68000000\n", f"    value: {written}\n")
    assert problems_of(root) == [f"{FILE}: figures entry 1 (id 100-f01): {message}"]


def test_a_look_alike_id_is_shown_with_its_odd_character_named():
    with pytest.raises(crt.UnknownIdError) as raised:
        crt.cite("000-f\u041e2")
    assert str(raised.value) == (
        f"no {registry.kinds_of_id()} has the id '000-f\\u041e2' "
        "(U+041E CYRILLIC CAPITAL LETTER O at 5; ids are ASCII); did you mean 000-f02, 003-f02, 000-q02?"
    )


def test_every_missing_extra_is_worded_one_way():
    package = Path(crt.__file__).parent
    wordings = re.findall(r"needs[^\n]*pip install[^\n]*", "\n".join(
        path.read_text(encoding="utf-8") for path in package.rglob("*.py")))
    assert len(wordings) >= 5
    one_way = re.compile(r"""needs \S+: (\{chosen\.install\}|pip install "china-russia-tools\[\w+\]")""")
    for wording in wordings:
        assert one_way.search(wording), wording


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_an_entity_cites_in_every_format(fmt: str):
    cited = crt.cite("china", format=fmt)
    if fmt == "bibtex":
        assert cited.startswith("@misc{china,\n  title = {{China}},\n")
    else:
        import json

        item = json.loads(cited)[0]
        assert (item["id"], item["type"], item["title"]) == ("china", "entry", "China")
        assert item["note"] == crt.records("entities")[[e["entity_id"] for e in crt.records("entities")].index(
            "china")]["citation"]
