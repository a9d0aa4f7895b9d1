"""Faults of validation and of reading files: derived columns and sources rows forged with their hashes
re-pinned, files that are not regular or far too large, a seed re-pinned by the build, a linked output
folder and a deleted current folder."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from china_russia_tools import outdir, tables, validate
from china_russia_tools.builder.inputs import MAX_SEED_BYTES, read_seeds, read_yaml
from china_russia_tools.cli import main
from china_russia_tools.errors import ExportError, Problems
from china_russia_tools.export import export
from minimal_project import rehash

S000, S003 = "000_b9924b3dcfb55283", "003_c75e6f810a717f86"
REBUILD = "the file was changed or damaged after the build (reinstall the package, or rebuild a checkout)"


@pytest.fixture
def real(project: Path) -> Iterator[Path]:
    """A copy of the published data, with the loader pointed at it."""
    tables.use_data_dir(project)
    yield project
    tables.use_data_dir(None)


def forge(root: Path, table: str, row_id: str, **values: object) -> None:
    """Change one row of an installed table and re-pin every hash, as a forger would."""
    path = root / "data" / f"{table}.parquet"
    data = pq.read_table(path)
    rows = data.to_pylist()
    key = tables.id_column(table)
    assert sum(row[key] == row_id for row in rows) == 1
    for row in rows:
        if row[key] == row_id:
            row.update(values)
    pq.write_table(pa.Table.from_pylist(rows, schema=data.schema), path, compression="zstd")
    rehash(root, table)


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, if the block takes longer than ``seconds`` (opening a named pipe waits)."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# G. Columns the build derives from other rows are recomputed.


def test_a_forged_relay_status_is_recomputed_from_its_checks(real: Path):
    forge(real, "figures", "000-f02", relay_status="consistent", check_status="consistent")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 000-f02: relay_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        "figures 000-f02: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
    ]
    assert [problem.code for problem in found] == ["derived-mismatch", "derived-mismatch"]


def test_a_forged_data_status_is_recomputed_from_its_checks(real: Path):
    forge(real, "figures", "003-f03", data_status="consistent")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 003-f03: data_status is 'consistent', but recomputed from its checks it is 'unverified'"
    ]
    assert [problem.code for problem in found] == ["derived-mismatch"]


def test_a_forged_check_status_of_a_quote_is_recomputed(real: Path):
    forge(real, "quotes", "000-q03", check_status="consistent")
    assert validate.provenance_problems() == [
        "quotes 000-q03: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'"
    ]


def test_a_forged_observation_value_is_checked_against_its_words(real: Path):
    forge(real, "observations", "ki-2025-09-08-exports-2025-08", value=-15.4)
    (problem,) = validate.provenance_problems()
    assert problem.startswith("observations ki-2025-09-08-exports-2025-08: value -15.4 is none of the numbers")
    assert problem.endswith("(16.4, 8.6); write values in base units, e.g. '1.03 trillion yuan' is 1030000000000")


def test_a_forged_chain_is_recomputed_from_the_references(real: Path):
    forge(real, "figures", "003-f03", chain=f"{S003} > china-customs")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 003-f03: chain is '{S003} > china-customs', but recomputed from its report_id, relayed_by and "
        f"attributed_to and the references' relays it is '{S003} > charter97-2025-09-08 > reuters > china-customs'"
    ]
    assert [problem.code for problem in found] == ["derived-mismatch"]


def test_a_forged_arithmetic_check_is_recomputed_from_its_figures(real: Path):
    forge(real, "checks", "000-c01", status="discrepancy")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "checks 000-c01: status is 'discrepancy', but recomputed from its figures it is 'consistent'",
        "figures 000-f01: relay_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        "figures 000-f01: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
    ]
    assert [problem.code for problem in found] == ["derived-mismatch", "derived-mismatch", "derived-mismatch"]


def test_a_forged_conversion_is_recomputed_with_the_band_it_states(real: Path):
    forge(real, "checks", "003-c02", status="discrepancy", kind="arithmetic")
    assert validate.provenance_problems() == [
        "checks 003-c02: status is 'discrepancy', but recomputed from its figures it is 'consistent'",
        "checks 003-c02: kind is 'arithmetic', but recomputed from its figures it is None",
        "figures 003-f07: relay_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        "figures 003-f07: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
    ]


def test_a_conversion_that_states_no_band_cannot_be_recomputed(real: Path):
    forge(real, "checks", "003-c02", expected="a rate of about 7.1 CNY per USD")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "checks 003-c02: rule 'conversion' with operands '003-f06' is no arithmetic the build computes (a "
        "conversion states its band of rates in expected)"
    ]
    assert [problem.code for problem in found] == ["check-columns"]


def test_a_forged_observation_check_is_recomputed_from_its_observation(real: Path):
    forge(real, "checks", "003-c35", status="discrepancy", kind="magnitude")
    assert validate.provenance_problems() == [
        "checks 003-c35: status is 'discrepancy', but recomputed from its figure and observation it is 'consistent'",
        "checks 003-c35: kind is 'magnitude', but recomputed from its figure and observation it is None",
        "figures 003-f02: data_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        "figures 003-f02: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
    ]


def test_a_check_that_cannot_be_recomputed_is_one_line_not_a_traceback(real: Path):
    forge(real, "figures", "000-f03", value=0.0, value_low=0.0, value_high=0.0)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 000-f03: value 0 does not agree with the number written in text '£6.5 million' (6,500,000); write "
        "values in base units, e.g. '£68 million' is 68000000",
        "checks 000-c01: cannot be recomputed from its figures (ZeroDivisionError: float division by zero)",
    ]
    assert [problem.code for problem in found] == ["value-words-mismatch", "derived-mismatch"]


def test_two_figures_on_one_span_are_refused(real: Path):
    value = 6500000.0
    forge(real, "figures", "000-f02", text="£6.5 million", char_start=745, char_end=757,
          value=value, value_low=value, value_high=value)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 000-f02, 000-f03: 2 rows lie on code points 745-757 of source {S000}; a span holds at most one "
        "row of a table",
        "checks 000-c01: status is 'consistent', but recomputed from its figures it is 'discrepancy'",
        "checks 000-c01: expected is '68,000,000 / 6,500,000 = 10.46 (000-f02 / 000-f03; 10.31 to 10.62 as "
        "written)', but recomputed from its figures it is '6,500,000 / 6,500,000 = 1.00 (000-f02 / 000-f03; 0.98 "
        "to 1.02 as written)'",
        "checks 000-c01: kind is None, but recomputed from its figures it is 'arithmetic'",
    ]
    assert [problem.code for problem in found] == ["shared-span", *["derived-mismatch"] * 3]


def test_the_published_data_has_every_derived_column_as_recomputed(real: Path):
    assert validate.derived_problems() == []


# H. Each sources row is checked against its seed.

SOURCE_FORGERIES = {
    "sha256": ({"sha256": "0" * 64}, [
        f"sources {S003}: sha256 is '{'0' * 64}', but recomputed from its seed seeds/{S003}.txt it is "
        "'2ff9dd7120ce859552e793c8849247ffc2a4d821282dd1096f77ff56b911a99a'"
    ]),
    "chars": ({"chars": 5}, [f"sources {S003}: chars is 5, but recomputed from its seed seeds/{S003}.txt it is 3974"]),
    "bytes": ({"bytes": 1}, [f"sources {S003}: bytes is 1, but recomputed from its seed seeds/{S003}.txt it is 4005"]),
    "body-past-the-end": ({"body_start": 99999}, [
        f"sources {S003}: body 99999-3005 lies outside its seed of 3974 code points"
    ]),
    "title": ({"title_start": 25}, [
        f"sources {S003}: title 'China Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense' differs "
        "from the seed's code points 25-95, 'hina Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense'",
        f"mentions 003-m01: span 24-29 lies outside the headline 25-95 and the article body of source {S003}",
    ]),
    "body-after-a-mention": ({"body_start": 129}, [
        f"mentions 003-m04: span 123-128 lies outside the headline 24-95 and the article body of source {S003}"
    ]),
}


@pytest.mark.parametrize("values, problems", SOURCE_FORGERIES.values(), ids=SOURCE_FORGERIES.keys())
def test_a_forged_sources_row_is_checked_against_its_seed(real: Path, values: dict, problems: list[str]):
    forge(real, "sources", S003, **values)
    assert validate.provenance_problems() == problems


# I. Files that are not regular, or far too large, are refused before they are read.


def test_a_named_pipe_for_a_seed_is_refused_by_validate_and_build_check(project: Path):
    seed = project / "seeds" / f"{S000}.txt"
    seed.unlink()
    os.mkfifo(seed)
    command = [sys.executable, "-m", "china_russia_tools"]
    validated = subprocess.run([*command, "validate", "--root", "."], cwd=project, capture_output=True, text=True,
                               timeout=120)
    assert (validated.returncode, validated.stdout) == (1, (
        f"seeds/{S000}.txt: resource 'seed-000-b9924b3dcfb55283' is a named pipe, not a regular file; {REBUILD}\n"
        "1 problem(s)\ndata: . (the checkout given by --root)\n"
    ))
    checked = subprocess.run([*command, "build", "--check", "--root", "."], cwd=project, capture_output=True,
                             text=True, timeout=120)
    assert (checked.returncode, checked.stderr) == (1, (
        f"error: 1 problem found:\n  - seeds/{S000}.txt: is a named pipe, not a regular file; seeds are plain "
        "text files\n"
    ))


def test_a_table_far_larger_than_any_is_refused_before_it_is_read(real: Path, capsys):
    path = real / "data" / "figures.parquet"
    os.truncate(path, tables.MAX_FILE_BYTES + 1)
    code, out, err = run(capsys, "info", "--root", str(real))
    assert (code, out) == (1, "")
    assert err == (
        f"error: {path}: resource 'figures' is 100,000,001 bytes, the descriptor pins no size, and files larger than "
        f"100,000,000 bytes are not read; {REBUILD}\n"
    )


def test_a_seed_far_larger_than_any_is_refused_by_the_build(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    with open(tmp_path / "seeds" / "big.txt", "wb") as file:
        file.truncate(MAX_SEED_BYTES + 1)
    problems = Problems()
    assert read_seeds(tmp_path, problems) == {}
    assert problems.lines == ["seeds/big.txt: is 10,000,001 bytes; seeds may hold at most 10,000,000"]


def test_a_named_pipe_for_an_annotation_file_is_refused(tmp_path: Path):
    os.mkfifo(tmp_path / "entities.yaml")
    problems = Problems()
    with deadline(30):
        assert read_yaml(tmp_path / "entities.yaml", "annotations/entities.yaml", problems) is None
    assert problems.lines == [
        "annotations/entities.yaml: is a named pipe, not a regular file; annotation files are plain text files"
    ]


def test_running_out_of_memory_is_one_line(monkeypatch, capsys):
    def exhausted() -> str:
        raise MemoryError

    monkeypatch.setattr("china_russia_tools.cli.info", exhausted)
    assert run(capsys, "info") == (
        1, "", "error: out of memory; a file it read is far larger than any of this package's files\n"
    )


def test_a_named_pipe_in_an_earlier_export_is_refused_unopened(tmp_path: Path):
    out = tmp_path / "out"
    export(out, "csv")
    (out / "figures.csv").unlink()
    os.mkfifo(out / "figures.csv")
    message = (
        f"{out} holds files that are not regular files (figures.csv: a named pipe, socket or device); an export "
        "opens none of them: remove them, or choose another folder"
    )
    with deadline(30), pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        export(out, "csv")


def test_a_huge_file_in_an_earlier_export_is_changed_and_not_read(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    export(out, "csv")
    os.truncate(out / "figures.csv", outdir.MAX_OUTPUT_BYTES + 1)
    digest = outdir._sha256

    def unless_huge(path: Path) -> str:
        assert path.name != "figures.csv", "the huge file was read"
        return digest(path)

    monkeypatch.setattr(outdir, "_sha256", unless_huge)
    message = f"{out} holds files changed since an export wrote them (figures.csv); "
    with pytest.raises(ExportError, match=f"^{re.escape(message)}"):
        export(out, "csv")


def test_files_of_an_output_are_hashed_in_chunks(tmp_path: Path, monkeypatch):
    path = tmp_path / "file"
    path.write_bytes(b"abc")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    assert outdir._sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


# N. The build names each seed it pins anew.


def test_the_build_names_an_edited_seed(project: Path, capsys):
    seed = project / "seeds" / f"{S003}.txt"
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_bytes(seed.read_bytes().replace("Copyright ©".encode(), "Copyrighx ©".encode()))
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    code, out, err = run(capsys, "build", "--root", str(project))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"seeds/{S003}.txt: edited; its SHA-256 is {new}, datapackage.json pins {old}"
    assert lines[1:2] == ["wrote sources: 2 rows"]
    assert lines[-1] == "no status changed"


# O. A linked output folder; P. a deleted current folder.


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_linked_output_folder_is_named_as_such(tmp_path: Path, capsys, command: str):
    target = tmp_path / "empty"
    target.mkdir()
    link = tmp_path / "lk"
    link.symlink_to(target)
    kind = "an export" if command == "export" else "a report"
    argv = [command, str(link), *(["--format", "csv"] if command == "export" else [])]
    assert run(capsys, *argv) == (1, "", (
        f"error: {link} is a symbolic link (to {target}); the output folder may not be a link, since {kind} is "
        "never written through one: give the folder it leads to, or another\n"
    ))
    assert list(target.iterdir()) == []


def test_validate_from_a_deleted_current_folder_says_so(tmp_path: Path, monkeypatch, capsys):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    gone_message = "the current folder no longer exists (it was deleted or moved); change to an existing folder\n"
    assert run(capsys, "validate", "--root", ".") == (1, "", "error: " + gone_message)
    assert run(capsys, "build", "--root", ".") == (1, "", "error: " + gone_message)
    assert run(capsys, "diff", ".", str(tmp_path)) == (1, "", "error: " + gone_message)
