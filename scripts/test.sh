#!/usr/bin/env bash
# Set everything up (including Chromium for the browser tests and a PostgreSQL server for the
# store tests on PostgreSQL) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev --browser --postgres
PLANDRILL_TEST_POSTGRES=${PLANDRILL_TEST_POSTGRES:-$(cat .venv/postgres-url)}
if [ -n "$PLANDRILL_TEST_POSTGRES" ]; then export PLANDRILL_TEST_POSTGRES; fi
exec .venv/bin/python -m pytest "$@"
