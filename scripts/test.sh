#!/usr/bin/env bash
# Set everything up (including Chromium for the browser tests and a PostgreSQL server for the
# store tests on PostgreSQL) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev --browser --postgres
PLANDRILL_TEST_POSTGRES=${PLANDRILL_TEST_POSTGRES:-$(cat .venv/postgres-url)}
if [ -n "$PLANDRILL_TEST_POSTGRES" ]; then export PLANDRILL_TEST_POSTGRES; fi
# The whole suite (no test named, at most -q/-v/-x): the browser tests (one real Chromium and
# server at a time) and the page tests on PostgreSQL run in a second process beside all the other
# tests (tests/conftest.py, PLANDRILL_TEST_PART); their report follows.
# On a two-core machine this takes about half the time of one process after the other.
whole=1
for arg in "$@"; do
  case "$arg" in -q|-v|-x|-ra|-rR) ;; *) whole=0 ;; esac
done
if [ "$whole" = 1 ]; then
  log=.venv/browser-tests.log
  PLANDRILL_TEST_PART=second .venv/bin/python -m pytest "$@" tests/browser tests/ui >"$log" 2>&1 &
  browser=$!
  set +e
  PLANDRILL_TEST_PART=first .venv/bin/python -m pytest "$@"
  rest=$?
  wait "$browser"
  browser_rc=$?
  set -e
  echo
  echo "---- browser tests and page tests on PostgreSQL ----"
  cat "$log"
  [ "$rest" = 0 ] && [ "$browser_rc" = 0 ] && exit 0
  echo "tests failed: other tests exit $rest, browser tests exit $browser_rc" >&2
  exit 1
fi
exec .venv/bin/python -m pytest "$@"
