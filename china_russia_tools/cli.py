"""Command line: ``china-russia-tools`` (also ``python -m china_russia_tools``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import ChinaRussiaToolsError


def info() -> str:
    """A readable summary of the package: sources, rows per table, a few figures with citations."""
    from .tables import TABLES, load

    lines = [f"china-russia-tools {__version__}", ""]
    sources = load("sources")
    lines.append(f"{len(sources)} sources:")
    for row in sources.itertuples():
        lines.append(f"  {row.source_id}  {row.title}")
    lines += ["", "rows per table:"]
    lines += [f"  {name:<9} {len(load(name)):>4}" for name in TABLES]
    figures = load("figures")
    lines += ["", "example figures:"]
    for row in figures.head(3).itertuples():
        value = f"{row.value:,.10g}" if row.value == row.value else f"{row.value_low:g}-{row.value_high:g}"
        lines.append(f"  {row.figure_id}: {value} {row.unit} ({row.measure}, {row.statistic})")
        lines.append(f"    {row.citation}")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="china-russia-tools", description="Annotated China-Russia machine tool trade data.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command")
    commands.add_parser("info", help="summary of the package (the default)")
    commands.add_parser("path", help="print the path of the installed datapackage.json")
    commands.add_parser("validate", help="frictionless validation plus provenance checks; exit 1 on any problem")
    build = commands.add_parser("build", help="build the tables and descriptor from seeds/ and annotations/")
    build.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if the committed outputs are stale")
    cite = commands.add_parser("cite", help="cite a row, a source or (without ID) the package")
    cite.add_argument("id", nargs="?", help="figure, mention, quote, entity or source id")
    cite.add_argument("--format", choices=("text", "bibtex", "csl-json"), default="text")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
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
                build.check(args.root)
                print("up to date")
            else:
                output = build.write(args.root)
                print("\n".join(f"wrote {name}: {table.num_rows} rows" for name, table in output.tables.items()))
        elif args.command == "cite":
            from .citation import cite

            print(cite(args.id, format=args.format))
    except ChinaRussiaToolsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
