"""`python -m plans`: the command line (see plans/cli.py)."""

from plans.cli import main

raise SystemExit(main())
