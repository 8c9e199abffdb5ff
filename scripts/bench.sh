#!/usr/bin/env bash
# Set everything up and run the benchmarks (prints a table, writes bench/results.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
exec .venv/bin/python -m bench "$@"
