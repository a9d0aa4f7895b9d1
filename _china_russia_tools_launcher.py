"""The ``china-russia-tools`` program (and ``python -m china_russia_tools``). It lies outside the package
so that Python reads the package under a Ctrl-C handler: once it is read, ``china_russia_tools.cli.main``
handles every fault and Ctrl-C itself, so a Ctrl-C at any moment after Python's own start-up is one line."""

import sys


def main() -> int:
    """Read the package and run its command line; a Ctrl-C while Python reads it exits 130 with one line."""
    try:
        from china_russia_tools.cli import main as command_line
    except (KeyboardInterrupt, RuntimeError) as error:
        if not isinstance(error, KeyboardInterrupt) and not isinstance(error.__cause__, KeyboardInterrupt):
            raise  # Python 3.11 wraps a Ctrl-C while it makes a class (a descriptor's __set_name__) in RuntimeError
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    return command_line()
