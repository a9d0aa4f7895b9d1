"""Command line: ``china-russia-tools`` (also ``python -m china_russia_tools``).

Exit codes: 0 success; 1 a problem with the data, an unknown id, a failed validation, stale
outputs or a file that cannot be read or written (one line on stderr, never a traceback); 2 a usage
error (unknown command or option).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ._version import __version__
from .errors import ChinaRussiaToolsError
from .export import FORMATS as EXPORT_FORMATS


def info() -> str:
    """A readable summary of the package: sources, rows per table, check statuses, example figures.

    Each source text is checked against its SHA-256 first, as everywhere a source is shown.
    """
    from collections import Counter

    from . import registry
    from .marks import figure_value
    from .tables import records, source_text

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
    statuses = Counter(row["check_status"] for row in figures).most_common()
    lines += ["", "figures by check status: " + ", ".join(f"{count} {status}" for status, count in statuses)]
    lines += ["", "example figures:"]
    for row in figures[:3]:
        lines.append(
            f"  {row['figure_id']}: {figure_value(row)} {row['unit']} "
            f"({row['measure']}, {row['statistic']}; {row['check_status']})"
        )
        lines.append(f"    {row['citation']}")
    lines += ["", "cite a row: china-russia-tools cite 000-f02 --format bibtex"]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per job, each with its own --help."""
    top = argparse.ArgumentParser(
        prog="china-russia-tools",
        description="Annotated figures, entities and quotes on China-Russia trade in machine tools. "
        "Without a command, prints the summary (info).",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "info",
        help="summary: version, sources, rows per table, example figures (the default)",
        description="Print a summary of the package: version, sources, rows per table, "
        "check statuses and a few figures with their citations.",
    )
    commands.add_parser(
        "path",
        help="print the path of the installed datapackage.json",
        description="Print the path of the installed datapackage.json, for: "
        'frictionless validate "$(china-russia-tools path)"',
    )
    commands.add_parser(
        "validate",
        help="frictionless validation plus provenance checks; exit 1 on any problem",
        description="Validate the installed data with frictionless and check what frictionless "
        "skips (Parquet hashes, every row's text against its seed). Exit 1 on any problem.",
    )
    build = commands.add_parser(
        "build",
        help="build the tables and descriptor from seeds/ and annotations/",
        description="Build data/*.parquet, datapackage.json and docs/data-dictionary.md "
        "from seeds/ and annotations/. Writes nothing unless every check passes.",
    )
    build.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 naming what is stale")
    cite = commands.add_parser(
        "cite",
        help="cite a row, a source, a reference or (without ID) the package",
        description="Print the citation of any row id, source id or reference id, "
        "or of the package when no ID is given.",
    )
    cite.add_argument("id", nargs="?", help="figure, mention, quote, check, entity, reference or source id")
    cite.add_argument("--format", choices=("text", "bibtex", "csl-json"), default="text")
    show = commands.add_parser(
        "show",
        help="the sentence around a figure, mention or quote, and its fields",
        description="Print the sentence around a figure, mention or quote with the "
        "cited words marked, then the row's fields.",
    )
    show.add_argument("id", help="figure, mention, quote or check id")
    export = commands.add_parser(
        "export",
        help="write every table as csv, json, xlsx or sqlite, or as croissant, ftm, web-annotation or claimreview",
        description="Write every table to DIR in the chosen format, with a copy of the descriptor "
        "adapted to the exported files where the format allows it; or write the data for other tools: "
        "croissant (Croissant metadata beside the Parquet tables and seeds), ftm (FollowTheMoney "
        "entities), web-annotation (W3C Web Annotations beside the seeds) or claimreview (schema.org "
        "ClaimReviews of the checked rows).",
    )
    export.add_argument("dir", type=Path, help="output folder")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    report = commands.add_parser(
        "report",
        help="write an offline HTML report of every source",
        description="Write a self-contained HTML site to OUT_DIR: an index, one page "
        "per source with every annotation marked, and a timeline of the figures.",
    )
    report.add_argument("out_dir", type=Path, help="output folder")
    diff = commands.add_parser(
        "diff",
        help="rows and columns added, removed or changed between two copies of the data",
        description="Compare two copies of the data package, table by table: columns added, removed "
        "or retyped, rows added or removed (by primary key) and each changed field as old → new, "
        "values compared through their declared types. OLD and NEW are folders holding a "
        "datapackage.json (a checkout, an unpacked wheel or sdist, a csv or json export) or its path. "
        "Exit 0, or 1 with --exit-code when they differ.",
    )
    diff.add_argument("old", type=Path, help="the older copy")
    diff.add_argument("new", type=Path, nargs="?", help="the newer copy (default: the installed data)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--exit-code", action="store_true", help="exit 1 when the copies differ, as git diff does")
    diff.add_argument(
        "--ignore", action="append", default=[], metavar="COLUMN", help="do not compare COLUMN (e.g. citation)"
    )
    return top


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command; returns the exit code."""
    if args.command in (None, "info"):
        print(info())
    elif args.command == "path":
        from .tables import descriptor_path

        print(descriptor_path())
    elif args.command == "validate":
        from .validate import all_problems

        problems = all_problems()
        for problem in problems:
            print(problem)
        print("valid" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    elif args.command == "build":
        from . import build

        if args.check:
            build.require_current(args.root)
            print("up to date")
        else:
            output = build.render(args.root)
            changes = build.status_changes(args.root, output)
            build.write(args.root, output)
            print("\n".join(f"wrote {name}: {table.num_rows} rows" for name, table in output.tables.items()))
            print("\n".join(changes or ["no status changed"]))
    elif args.command == "cite":
        from .citation import cite

        print(cite(args.id, format=args.format))
    elif args.command == "show":
        from .sentence import show

        print(show(args.id))
    elif args.command == "export":
        from .export import export

        for path in export(args.dir, args.format):
            print(f"wrote {path}")
    elif args.command == "report":
        from .report import write_report

        written = write_report(args.out_dir)
        print(f"wrote {len(written)} files; open {args.out_dir / 'index.html'}")
    elif args.command == "diff":
        from .differences import run as run_diff

        text, differ = run_diff(args.old, args.new, args.format, tuple(args.ignore))
        print(text)
        return 1 if differ and args.exit_code else 0
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the command line."""
    args = parser().parse_args(argv)
    try:
        code = run(args)
        sys.stdout.flush()
        return code
    except (ChinaRussiaToolsError, ImportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (`| head`): end quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a folder or file that cannot be written or read: one line, no traceback
        print(f"error: {os_error_text(error)}", file=sys.stderr)
        return 1


def os_error_text(error: OSError) -> str:
    """An :class:`OSError` in one line naming the path and the cause: ``/proc/x: Permission denied``."""
    if error.filename is None:
        return str(error)
    target = f" (to {error.filename2})" if error.filename2 is not None else ""
    return f"{error.filename}{target}: {error.strerror or error}"
