"""`python -m bench`: the import benchmark (see bench/run.py)."""

from bench.run import main

raise SystemExit(main())
