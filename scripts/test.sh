#!/usr/bin/env bash
# Set everything up (including Chromium for the browser tests) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev --browser
exec .venv/bin/python -m pytest "$@"
