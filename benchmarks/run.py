"""Benchmarks of loading, validation, the build and the report; prints one table of medians and ratios.

Run from a checkout, with the package and its ``validate`` and ``polars`` extras installed::

    python benchmarks/run.py            # the full run, a few minutes
    python benchmarks/run.py --quick    # fewer repeats and no 1,000-source corpus
    python benchmarks/run.py --large    # the full run and a 10,000-source build (a few minutes more)

Every time is the median of repeated runs, and every ratio compares two medians measured in the same
run. Cold rows start a new Python process per run; the other rows run in this process. The synthetic
corpora are written to a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ANNOTATIONS_PER_SOURCE = 50  # 20 figures, 20 mentions, 5 quotes, 5 checks


@dataclass
class Row:
    name: str
    seconds: float
    runs: int
    ratio: str = ""
    goal: str = ""


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``action``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(code: str) -> Callable[[], object]:
    """An action that runs ``code`` in a new Python process.

    pyarrow now and then aborts a process at exit, after its work is done ("terminate called without an
    active exception", apache/arrow#34314); such a run still counts, any other failure stops the benchmark.
    """

    def run() -> None:
        result = subprocess.run([sys.executable, "-c", code])
        if result.returncode not in (0, -signal.SIGABRT):
            raise subprocess.CalledProcessError(result.returncode, code)

    return run


def interleaved(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median time of each action, the actions taking turns so that drifts in load hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def cold_rows(runs: int) -> list[Row]:
    """Each backend's ``figures()`` in a fresh process against a bare read of the same file by its library."""
    import china_russia_tools as crt

    descriptor = crt.descriptor_path()
    figures = repr(str(crt.table_path("figures")))
    package = "import china_russia_tools as crt; crt.figures"
    codes = {
        "python -c pass (interpreter start)": "pass",
        "cold: pandas.read_parquet(figures)": f"import pandas; pandas.read_parquet({figures})",
        "cold: polars.read_parquet(figures)": f"import polars; polars.read_parquet({figures})",
        "cold: pyarrow.parquet.read_table(figures)": f"import pyarrow.parquet; pyarrow.parquet.read_table({figures})",
        "cold: import china_russia_tools; figures()": f"{package}()",
        'cold: ... figures(backend="polars")': f"{package}(backend='polars')",
        'cold: ... figures(backend="pyarrow")': f"{package}(backend='pyarrow')",
    }
    medians = interleaved({name: process(code) for name, code in codes.items()}, runs)
    frictionless = f"from frictionless import Package; Package({str(descriptor)!r}).get_resource('figures').to_pandas()"
    fl_runs = max(3, runs // 3)
    fl = median_time(process(frictionless), fl_runs)
    names = list(codes)
    pandas, polars, pyarrow, pandas_ours, polars_ours, pyarrow_ours = (medians[name] for name in names[1:])
    return [
        Row(names[0], medians[names[0]], runs),
        Row(names[1], pandas, runs, "1.00"),
        Row(names[2], polars, runs, f"{polars / pandas:.2f} x pandas"),
        Row(names[3], pyarrow, runs, f"{pyarrow / pandas:.2f} x pandas"),
        Row(names[4], pandas_ours, runs, f"{pandas_ours / pandas:.2f} x pandas", "<= 1.05 x pandas"),
        Row(names[5], polars_ours, runs, f"{polars_ours / polars:.2f} x polars", "<= 1.25 x polars"),
        Row("  (the same)", polars_ours, runs, f"{polars_ours / pandas:.2f} x pandas", "<= 0.6 x pandas"),
        Row(names[6], pyarrow_ours, runs, f"{pyarrow_ours / pyarrow:.2f} x pyarrow", "<= 1.1 x pyarrow"),
        Row("cold: frictionless ... to_pandas()", fl, fl_runs, f"{fl / pandas:.2f} x pandas", "(for the record)"),
    ]


def warm_rows(calls: int) -> list[Row]:
    """Each backend's first ``figures()`` once its libraries are imported, then repeated calls."""
    import pandas  # noqa: F401  (imported beforehand, so that the first call times only the reading)
    import polars  # noqa: F401
    import pyarrow  # noqa: F401

    from china_russia_tools import backends, table_functions, tables

    rows = []
    for backend in backends.BACKENDS:
        tables.clear_cache()
        first = median_time(lambda backend=backend: table_functions.figures(backend=backend), 1)
        repeated = median_time(lambda backend=backend: table_functions.figures(backend=backend), calls)
        rows += [
            Row(f'warm: first figures(backend="{backend}")', first, 1),
            Row(
                f'warm: repeated figures(backend="{backend}")',
                repeated,
                calls,
                f"1/{first / repeated:.0f} of the first",
                "< 100 µs",
            ),
        ]
    return rows


def validate_rows(runs: int) -> list[Row]:
    import china_russia_tools as crt
    from china_russia_tools import tables, validate

    validate.frictionless_problems(crt.descriptor_path())  # imports frictionless once, outside the timing

    def ours() -> None:
        tables.clear_cache()  # every file read and hashed again
        validate.provenance_problems()

    frictionless = median_time(lambda: validate.frictionless_problems(crt.descriptor_path()), runs)
    provenance = median_time(ours, runs)
    return [
        Row("validate: frictionless, whole package", frictionless, runs, "1.00"),
        Row("validate: ours, provenance_problems()", provenance, runs, f"{provenance / frictionless:.2f}"),
        Row("validate: all_problems() (both)", median_time(validate.all_problems, runs), runs),
    ]


def copy_inputs(target: Path) -> Path:
    """The checkout's build inputs and outputs, copied to ``target``."""
    for name in ("seeds", "annotations", "data"):
        shutil.copytree(PROJECT / name, target / name)
    for path in PROJECT.glob("*.json"):
        shutil.copy(path, target / path.name)
    if (PROJECT / "docs").is_dir():
        shutil.copytree(PROJECT / "docs", target / "docs")
    return target


# Synthetic corpora: each source has 20 sentences with a figure and a mention, 5 quotes and 5
# reference checks; every annotated passage occurs once, mentions need their 'within' passage.

ENTITIES = [
    ("china", "China", "country", "CN"),
    ("russia", "Russia", "country", "RU"),
    ("kazakhstan", "Kazakhstan", "country", "KZ"),
    ("turkey", "Turkey", "country", "TR"),
    ("ivan-petrov", "Ivan Petrov", "person", "RU"),
]
FILLER = "Analysts expect the pattern to continue through the coming quarters, with more orders for lathes. "


def synthetic_source(number: int) -> tuple[str, str, str]:
    """Source id, seed text and annotation file of synthetic source ``number``."""
    source_id = f"{number:03d}_{hashlib.sha256(str(number).encode()).hexdigest()[:16]}"
    sentences, figures, mentions, quotes, checks = [], [], [], [], []
    for i in range(20):
        entity_id, name = ENTITIES[i % 4][:2]
        amount = f"£{i + 10}.5 million"
        sentences.append(
            f"In period {i:02d} of report {number:03d}, {name} shipped lathes worth {amount} to Russia. {FILLER}"
        )
        figures.append(
            f"  - {{id: {number:03d}-f{i + 1:02d}, text: {amount}, value: {(i + 10.5) * 1e6:.0f}, unit: GBP, "
            f"approximation: exact, measure: trade_value, statistic: level, flow_from: {entity_id}, flow_to: russia, "
            "product: lathes, product_id: lathes, period_inferred: false, series_note: A synthetic figure.}"
        )
        mentions.append(
            f"  - {{id: {number:03d}-m{i + 1:02d}, entity_id: {entity_id}, text: {name}, "
            f"within: 'In period {i:02d} of report {number:03d}, {name}'}}"
        )
    for j in range(5):
        words = f"Order {j} for plant {number} went through on time,"
        sentences.append(f"“{words}” said Ivan Petrov. {FILLER}")
        quotes.append(
            f"  - {{id: {number:03d}-q{j + 1:02d}, text: '{words}', kind: direct, speaker_id: ivan-petrov, "
            "speaker_text: Ivan Petrov, cue: said}"
        )
        checks.append(
            f"  - {{id: {number:03d}-c{j + 1:02d}, figure_id: {number:03d}-f{j + 1:02d}, question: relay, "
            "method: reference, reference_id: customs-2024-01-02, status: consistent, expected: the same amount, "
            "found: the same amount}"
        )
    text = f"Report {number:03d} on machine tool trade\n\n" + "\n".join(sentences) + f"\nEnd of report {number:03d}.\n"
    annotation = "\n".join(
        [
            "source:",
            f"  title: Report {number:03d} on machine tool trade",
            "  byline: null",
            f"  body_starts_with: In period 00 of report {number:03d}",
            f"  body_ends_with: End of report {number:03d}.",
            "  language: en",
            "  published_earliest: 2024-01-02",
            "  published_latest: null",
            "  date_note: Synthetic source for benchmarks.",
            "  license: CC0-1.0",
            "  note: Synthetic source for benchmarks, written by the benchmark itself.",
            "figures:",
            *figures,
            "mentions:",
            *mentions,
            "quotes:",
            *quotes,
            "checks:",
            *checks,
            "",
        ]
    )
    return source_id, text, annotation


def synthetic_corpus(root: Path, sources: int) -> Path:
    """Write a corpus of ``sources`` synthetic sources (with the checkout's descriptor) under ``root``."""
    for name in ("seeds", "annotations", "data"):
        (root / name).mkdir(parents=True)
    shutil.copy(PROJECT / "datapackage.json", root / "datapackage.json")
    if (PROJECT / "docs").is_dir():
        shutil.copytree(PROJECT / "docs", root / "docs")
    entities = ["entities:"] + [
        f"  - {{id: {eid}, name: {name}, entity_type: {kind}, country_code: {code}, wikidata_id: null, "
        f"description: A {kind}.}}"
        for eid, name, kind, code in ENTITIES
    ]
    (root / "annotations" / "entities.yaml").write_text("\n".join(entities) + "\n", encoding="utf-8")
    (root / "annotations" / "references.yaml").write_text(
        "references:\n  - {id: customs-2024-01-02, publisher: Customs, title: Imports of lathes, "
        "published: 2024-01-02, url: null, note: A synthetic table.}\n",
        encoding="utf-8",
    )
    for name in ("corrections", "series", "observations"):
        (root / "annotations" / f"{name}.yaml").write_text(f"{name}: []\n", encoding="utf-8")
    (root / "annotations" / "products.yaml").write_text(
        "products:\n  - {id: lathes, name: Lathes, description: Lathes., note: A synthetic product.}\n",
        encoding="utf-8",
    )
    (root / "annotations" / "product_codes.yaml").write_text(
        "product_codes:\n  - {id: lathes-8458, product_id: lathes, classification: HS2022, code: '8458', "
        "note: A synthetic code.}\n",
        encoding="utf-8",
    )
    for number in range(sources):
        source_id, text, annotation = synthetic_source(number)
        (root / "seeds" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        (root / "annotations" / f"{source_id}.yaml").write_text(annotation, encoding="utf-8")
    return root


def annotation_count(root: Path) -> int:
    from china_russia_tools import builder

    output = builder.render(root)
    return sum(output.tables[name].num_rows for name in ("figures", "mentions", "quotes", "checks"))


def build_rows(runs: int, sizes: list[int], large_runs: int) -> list[Row]:
    from china_russia_tools import builder

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        real = copy_inputs(Path(folder) / "real")
        count = annotation_count(real)
        seconds = median_time(lambda: builder.write(real), runs)
        rows.append(
            Row(
                f"build: real dataset ({count} annotations)",
                seconds,
                runs,
                f"{seconds / count * 1e6:.0f} µs/annotation",
            )
        )
        base = None
        for sources in sizes:
            root = synthetic_corpus(Path(folder) / f"corpus-{sources}", sources)
            count = annotation_count(root)
            repeats = runs if sources < 1000 else large_runs if sources < 10000 else 1
            seconds = median_time(lambda root=root: builder.write(root), repeats)
            per = seconds / count
            base = base or per
            goal = "< 60 s; flat per annotation" if sources >= 1000 else "flat per annotation"
            rows.append(
                Row(
                    f"build: {sources} sources x {count // sources} annotations",
                    seconds,
                    repeats,
                    f"{per * 1e6:.0f} µs/annotation ({per / base:.2f} x 10 sources)",
                    goal,
                )
            )
            shutil.rmtree(root)
    return rows


def report_rows(runs: int, sizes: list[int]) -> list[Row]:
    """``write_report`` of synthetic corpora: its time per source should stay flat as the corpus grows."""
    from china_russia_tools import builder, tables
    from china_russia_tools.report import write_report

    rows, base = [], None
    with tempfile.TemporaryDirectory() as folder:
        for sources in sizes:
            root = synthetic_corpus(Path(folder) / f"corpus-{sources}", sources)
            builder.write(root)
            tables.use_data_dir(root)

            def write() -> None:
                tables.clear_cache()  # every table and seed read again
                write_report(Path(tempfile.mkdtemp(dir=folder)))

            seconds = median_time(write, runs)
            per = seconds / sources
            base = base or per
            rows.append(
                Row(
                    f"report: {sources} sources",
                    seconds,
                    runs,
                    f"{per * 1e3:.1f} ms/source ({per / base:.2f} x {sizes[0]} sources)",
                    "flat per source",
                )
            )
            shutil.rmtree(root)
        tables.use_data_dir(None)
    return rows


def duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(rows: list[Row]) -> str:
    header = ("benchmark", "median", "runs", "ratio", "goal")
    cells = [header] + [(r.name, duration(r.seconds), str(r.runs), r.ratio, r.goal) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |" for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 1,000-source corpus")
    parser.add_argument("--large", action="store_true", help="also build a 10,000-source corpus, once (minutes)")
    args = parser.parse_args()
    runs = 5 if args.quick else 21
    sizes = ([10, 100] if args.quick else [10, 100, 1000]) + [10000] * args.large
    rows = cold_rows(runs)
    rows += warm_rows(1000)
    rows += validate_rows(3 if args.quick else 7)
    rows += build_rows(3 if args.quick else 5, sizes, large_runs=3)
    rows += report_rows(3 if args.quick else 5, [40, 160] if args.quick else [40, 160, 640])
    import platform

    import pandas
    import polars
    import pyarrow

    print(
        f"Python {platform.python_version()}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, "
        f"polars {polars.__version__}, "
        f"{platform.machine()}, {__import__('os').cpu_count()} CPUs"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
