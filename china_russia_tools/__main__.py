"""``python -m china_russia_tools``: the command line, run as the ``china-russia-tools`` program runs it
(``_china_russia_tools_launcher``, which reads the command line's modules under a Ctrl-C handler)."""

from _china_russia_tools_launcher import main

raise SystemExit(main())
