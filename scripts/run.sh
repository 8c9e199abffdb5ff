#!/usr/bin/env bash
# Set everything up and start PlanDrill on http://localhost:8501 (demo data on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py --browser.gatherUsageStats false "$@"
