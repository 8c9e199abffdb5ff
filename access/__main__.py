"""`python -m access`: the account command line (see access/cli.py)."""

from access.cli import main

raise SystemExit(main())
