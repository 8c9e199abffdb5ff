"""`python -m drills`: the drill command line (see drills/cli.py)."""

from drills.cli import main

raise SystemExit(main())
