"""``python -m china_russia_tools``: the command line, :func:`china_russia_tools.cli.main`, which handles
every fault and Ctrl-C itself once its module is read; a Ctrl-C while Python reads it is one line too."""

try:
    from .cli import main
except KeyboardInterrupt:
    import sys

    print("interrupted; nothing was changed", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
