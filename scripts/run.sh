#!/usr/bin/env bash
# Set everything up and start PlanDrill on http://127.0.0.1:8501, this machine only (demo data on
# first start). PLANDRILL_ADDRESS=0.0.0.0 serves a network (see the README: TLS via a reverse
# proxy; demo mode refuses to start there). Extra options go to `streamlit run`. The server runs
# app.py with the drill clock's scheduler beside it (server_app.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m serve "$@"
