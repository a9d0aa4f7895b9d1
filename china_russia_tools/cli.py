"""Command line: ``china-russia-tools`` (also ``python -m china_russia_tools``).

Exit codes: 0 success; 1 a problem with the data, an unknown id, a failed validation, stale
outputs or a file that cannot be read or written (one line on stderr, never a traceback); 2 a usage
error (unknown command or option).
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from . import registry
from ._version import __version__
from .errors import (
    GONE,
    AnnotationError,
    ChinaRussiaToolsError,
    DataError,
    StaleError,
    UnknownIdError,
    current_folder_exists,
    one_line,
    os_error_text,
    problem_line,
)


def data_options() -> argparse.ArgumentParser:
    """The options of every command that reads the data (a parent parser, so a new command gets them by
    naming it in ``parents``)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--root", dest="data_root", type=Path, metavar="DIR", default=None,
        help="read the data of the checkout DIR (after `china-russia-tools build --root DIR`) instead of the "
        "installed copy",
    )
    return options


def build_arguments(build: argparse.ArgumentParser) -> None:
    build.add_argument("--root", type=Path, default=None, help="project folder (default: the current one)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 naming what is stale")


def draft_arguments(draft: argparse.ArgumentParser) -> None:
    draft.add_argument("seed", type=Path, help="the seed, seeds/<source_id>.txt")
    draft.add_argument("--root", type=Path, default=None, help="project folder (default: the current one)")
    draft.add_argument("--output", type=Path, default=None,
                       help="file to write (default: annotations/<source_id>.yaml, which the build reads)")


def cite_arguments(cite: argparse.ArgumentParser) -> None:
    cite.add_argument("id", nargs="?", help="the id of any row: " + registry.kinds_of_id())
    cite.add_argument("--format", choices=("text", "bibtex", "csl-json"), default="text")


def export_arguments(export: argparse.ArgumentParser) -> None:
    from .export import WRITERS, formats

    export.add_argument("dir", type=Path, help="output folder")
    export.add_argument("--format", choices=tuple(WRITERS), required=True, help=formats())


def diff_arguments(diff: argparse.ArgumentParser) -> None:
    diff.add_argument("old", type=Path, help="the older copy")
    diff.add_argument("new", type=Path, nargs="?", help="the newer copy (default: the installed data)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--exit-code", action="store_true", help="exit 1 when the copies differ, as git diff does")
    diff.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                      help="do not compare COLUMN (e.g. citation)")


def recheck_arguments(recheck: argparse.ArgumentParser) -> None:
    recheck.add_argument("file", type=Path, help="CSV of UN Comtrade rows")
    recheck.add_argument("--rate", action="append", default=[], type=rate_option, metavar="CUR=RATE:SOURCE",
                         help="units of currency CUR per US dollar and where that rate comes from; repeat for each "
                         "currency")


# Each subcommand, in the order --help lists them: (reads the data, so takes --root DIR; help; description;
# the function adding its own arguments, if any).
SUBCOMMANDS: dict[str, tuple[bool, str, str, Callable[[argparse.ArgumentParser], object] | None]] = {
    "info": (True, "summary: version, sources, rows per table, example figures (the default)",
        "Print a summary of the package: version, sources, rows per table, check statuses and a few figures with "
        "their citations.", None),
    "path": (False, "print the path of the installed datapackage.json",
        'Print the path of the installed datapackage.json, for: frictionless validate "$(china-russia-tools path)"',
        None),
    "validate": (True, "frictionless validation plus provenance checks; exit 1 on any problem",
        "Validate the installed data with frictionless and check what frictionless skips (Parquet hashes, each "
        "source row and every row's text against its seed, and each column the build derives from other rows, "
        "citations too, recomputed); in a checkout (annotations/ beside the data), also what build --check "
        "finds. Exit 1 on any problem.", None),
    "build": (
        False, "build the tables, descriptor, data dictionary and type stub from seeds/, annotations/ and the code",
        "Build data/*.parquet, datapackage.json and docs/data-dictionary.md from seeds/ and annotations/. Writes "
        "nothing unless every check passes.", build_arguments),
    "draft": (False, "draft an annotation file for a new seed, every row marked 'drafted: true' for review",
        "Read a seed and write a first annotation file in the build's format: the source block, every figure, "
        "mention and quote found, each row marked 'drafted: true', which the build refuses until a person has "
        "reviewed the row and removed the mark. Never overwrites a file or writes through a link.", draft_arguments),
    "cite": (True, "cite a row, a source, a reference or (without ID) the package",
        "Print the citation of any row id, source id or reference id, or of the package when no ID is given.",
        cite_arguments),
    "show": (True, "the sentence around a figure, mention or quote, and its fields",
        "Print the sentence around a figure, mention or quote with the cited words marked, then the row's fields.",
        lambda show: show.add_argument("id", help="figure, mention, quote or check id")),
    "export": (
        True, "write every table, or the data for other tools, in a format of --format",
        "Write every table to DIR in the format --format names, or the data for other tools.", export_arguments),
    "report": (True, "write an offline HTML report of every source",
        "Write a self-contained HTML site to OUT_DIR: an index, one page per source with every annotation marked, "
        "and a timeline of the figures.",
        lambda report: report.add_argument("out_dir", type=Path, help="output folder")),
    "diff": (True, "rows and columns added, removed or changed between two copies of the data",
        "Compare two copies of the data package, table by table: columns added, removed or retyped, rows added or "
        "removed (by primary key) and each changed field as old → new, values compared through their declared types. "
        "OLD and NEW are folders holding a datapackage.json (a checkout, an unpacked wheel or sdist, a csv or json "
        "export) or its path. Exit 0, or 1 with --exit-code when they differ.", diff_arguments),
    "recheck": (True, "reproduce each figure from official rows in UN Comtrade's columns (a CSV file)",
        "Read FILE, a CSV of official rows in UN Comtrade's column names (reporterCode, partnerCode, flowCode, "
        "cmdCode, period, primaryValue in US dollars), and print for each figure with rows in it the value "
        "reproduced in the figure's unit, the gap, the sum in US dollars and the conversion used. The query for a "
        'figure\'s rows: python -c \'import china_russia_tools as crt; print(crt.series_query("000-f02"))\'. A '
        "figure in another currency than US dollars is converted at a rate given with --rate, e.g. --rate "
        "'GBP=0.79:Bank of England, July 2023 average'.", recheck_arguments),
    "search": (True, "figures, quotes, mentions, entities, series and references whose words match, ranked",
        "Print the rows whose words match WORDS, best first: table, id, score (100 when every word is found as "
        "written), the words matched and the citation. Names match in other scripts and spellings (Нуриев finds "
        "Nuriyev). Needs the extra search.",
        lambda search: search.add_argument("words", nargs="+", help="words to search for")),
}


def parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per job (the table ``SUBCOMMANDS``), each with its own --help."""
    data = [data_options()]
    top = argparse.ArgumentParser(prog="china-russia-tools", description="Annotated figures, entities and quotes on "
                                  "China-Russia trade in machine tools. Without a command, prints the summary (info).")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (reads_data, summary, description, add_arguments) in SUBCOMMANDS.items():
        command = commands.add_parser(name, parents=data if reads_data else [], help=summary, description=description)
        if add_arguments is not None:
            add_arguments(command)
    return top


def read_from(args: argparse.Namespace) -> str:
    """Point the loader at the checkout ``--root`` names, if any; which copy of the data is read, in words."""
    from .tables import DESCRIPTOR, data_dir, use_data_dir

    root = getattr(args, "data_root", None)
    if root is not None:
        if not root.is_absolute() and not current_folder_exists():
            raise DataError(f"{root}: {GONE}")
        if not (root / DESCRIPTOR).is_file():
            raise DataError(
                f"{root}: no {DESCRIPTOR} there; --root names a checkout, built with "
                f"`china-russia-tools build --root {root}`"
            )
        use_data_dir(root)
        return one_line(f"{root} (the checkout given by --root)")
    folder = data_dir()
    where = "the installed copy" if folder.name == "_data" else "the checkout the package runs from"
    return one_line(f"{folder} ({where})")


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command (the function ``COMMANDS`` names for it); returns the exit code."""
    global _reading
    paths = [getattr(args, name, None) for name in ("root", "data_root", "old", "new", "file", "dir", "out_dir")]
    if any(isinstance(path, Path) and not path.is_absolute() for path in paths) and not current_folder_exists():
        raise DataError(GONE)
    if args.command not in ("path", "build", "draft"):
        _reading = read_from(args) if args.command != "diff" or args.new is None or args.data_root else None
    return COMMANDS[args.command or "info"](args)


def info_command(args: argparse.Namespace) -> int:
    from .summary import info
    print(info(), f"data: {_reading}", sep="\n")
    return 0


def path_command(args: argparse.Namespace) -> int:
    from .tables import descriptor_path
    print(descriptor_path())
    return 0


def validate_command(args: argparse.Namespace) -> int:
    from .validate import all_records
    problems = all_records()
    for problem in problems:
        print(problem_line(problem))
    print("valid" if not problems else f"{len(problems)} problem(s)")
    print(f"data: {_reading}")
    return 1 if problems else 0


def build_command(args: argparse.Namespace) -> int:
    from . import builder
    from .builder.staleness import seeds_pinned_anew
    root = Path.cwd() if args.root is None else args.root
    if args.check:
        builder.require_current(root)
        print("up to date")
        return 0
    with builder.locked(root):  # from reading the committed outputs to the last file written
        output = builder.render(root)
        changes = builder.status_changes(root, output)
        seeds = seeds_pinned_anew(output)
        builder.write(root, output)
        finished(f"the build of {root} was already complete")
    print("\n".join(seeds + [f"wrote {name}: {table.num_rows} rows" for name, table in output.tables.items()]))
    print("\n".join(changes or ["no status changed"]))
    return 0


def draft_command(args: argparse.Namespace) -> int:
    from .builder.draft import write_draft
    root = Path.cwd() if args.root is None else args.root
    path = write_draft(root, args.seed, args.output)
    finished(f"the draft {path} was already written")
    print(one_line(f"wrote {path}; review every row and remove 'drafted: true'"))
    return 0


def cite_command(args: argparse.Namespace) -> int:
    from .citation import cite
    print(cite(args.id, format=args.format))
    print(f"data: {_reading}", file=sys.stderr)
    return 0


def show_command(args: argparse.Namespace) -> int:
    from .display import shown
    print(shown(args.id), f"data: {_reading}", sep="\n")
    return 0


def export_command(args: argparse.Namespace) -> int:
    from .export import export_output
    output = export_output(args.dir, args.format)
    finished(f"the export to {args.dir} was already complete")
    for path in output.removed:
        print(one_line(f"removed {path}, left by the previous export"))
    for path in output.written:
        print(one_line(f"wrote {path}"))
    print(f"data: {_reading}")
    return 0


def report_command(args: argparse.Namespace) -> int:
    from .report import report_output
    output = report_output(args.out_dir)
    finished(f"the report in {args.out_dir} was already complete")
    for path in output.removed:
        print(one_line(f"removed {path}, left by the previous report"))
    print(one_line(f"wrote {len(output.written)} files; open {args.out_dir / 'index.html'}"), f"data: {_reading}",
          sep="\n")
    return 0


def diff_command(args: argparse.Namespace) -> int:
    from .differences import run as run_diff
    from .tables import data_dir
    new = args.new if args.new is not None else data_dir()
    text, differ = run_diff(args.old, new, args.format, tuple(args.ignore))
    print(text)
    if args.new is None:
        print(f"data: {_reading}", file=sys.stderr)
    return 1 if differ and args.exit_code else 0


def recheck_command(args: argparse.Namespace) -> int:
    from .recheck import recheck_table
    print(recheck_table(args.file, args.rate), f"data: {_reading}", sep="\n")
    return 0


def search_command(args: argparse.Namespace) -> int:
    from .search import search_table
    print(search_table(" ".join(args.words)), f"data: {_reading}", sep="\n")
    return 0


# The function carrying out each subcommand of SUBCOMMANDS (the same names; a test checks it).
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": info_command, "path": path_command, "validate": validate_command, "build": build_command,
    "draft": draft_command, "cite": cite_command, "show": show_command, "export": export_command,
    "report": report_command, "diff": diff_command, "recheck": recheck_command, "search": search_command,
}


def rate_option(text: str) -> tuple[str, float, str]:
    """``--rate CUR=RATE:SOURCE`` as ``(currency, rate, source)``; a usage error naming the option
    unless RATE is a positive finite number and SOURCE is not empty."""
    currency, _, rest = text.partition("=")
    rate, _, source = rest.partition(":")
    try:
        number = float(rate)
    except ValueError:
        number = math.nan
    if not currency.strip() or not source.strip() or not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not CUR=RATE:SOURCE (units of CUR per US dollar, a positive number, and where "
            "the rate comes from), e.g. --rate 'GBP=0.79:Bank of England, July 2023 average'"
        )
    return currency.strip(), number, source.strip()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the command line, all of it (parser, command, last line) under the handlers below: a
    fault or a Ctrl-C is one line per problem, never a traceback. Run as the program (``argv`` None), it
    ignores Ctrl-C once the command has finished, so that exiting cannot be interrupted."""
    global _reading, _done
    _reading = _done = None
    args = None
    try:
        args = parser().parse_args(argv)
        code = run(args)
        if argv is None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stdout.flush()
        return code
    except AnnotationError as error:  # one line per problem, as validate prints them
        for problem in error.records:
            print(f"error: {problem_line(problem)}", file=sys.stderr)
        return 1
    except StaleError as error:
        for line in error.stale:
            print(one_line(f"error: {line}; run `china-russia-tools build`"), file=sys.stderr)
        return 1
    except UnknownIdError as error:
        where = f" (read {_reading}; --root DIR reads a checkout)" if _reading is not None else ""
        print(one_line(f"error: {error}{where}"), file=sys.stderr)
        return 1
    except (ChinaRussiaToolsError, ImportError) as error:
        print(one_line(f"error: {error}"), file=sys.stderr)
        return 1
    except (KeyboardInterrupt, RuntimeError) as error:
        if not isinstance(error, KeyboardInterrupt) and not isinstance(error.__cause__, KeyboardInterrupt):
            raise  # Python 3.11 wraps a Ctrl-C while it makes a class (a descriptor's __set_name__) in RuntimeError
        print(one_line(f"interrupted; {_done or 'nothing was changed'}"), file=sys.stderr)
        return 130
    except MemoryError:
        print("error: out of memory; a file it read is far larger than any of this package's files", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (`| head`): end quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a folder or file that cannot be written or read: one line, no traceback
        print(one_line(f"error: {os_error_text(error, written(args))}"), file=sys.stderr)
        return 1
    finally:
        if getattr(args, "data_root", None) is not None:
            from .tables import use_data_dir

            use_data_dir(None)


_done: str | None = None
"""What the command has done that a Ctrl-C after it cannot undo, in words; None until then."""


def finished(what: str) -> None:
    """Record that the command's change is made, so that a Ctrl-C after it says so."""
    global _done
    _done = what


def written(args: argparse.Namespace | None) -> Path | None:
    """The folder or file the command writes, named by an error that names no file (a full disk)."""
    if args is None or args.command not in ("build", "draft") or not current_folder_exists():
        return None
    return getattr(args, "output", None) or args.root or Path.cwd()
