#!/usr/bin/env bash
# Set up PlanDrill on a Debian/Ubuntu machine: system programs (Graphviz, CJK fonts; LibreOffice
# with --dev, Chromium with --browser, a PostgreSQL server for the tests with --postgres), a
# virtual environment in .venv and the pinned Python packages.
# Usage: scripts/setup.sh [--dev] [--browser] [--postgres]
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0; browser=0; postgres=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    --browser) browser=1 ;;
    --postgres) postgres=1 ;;
  esac
done

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "PlanDrill needs Python 3.11 or newer (found: $("$PY" --version 2>&1))." >&2
  echo "需要 Python 3.11 或更高版本。" >&2
  exit 1
fi

# --- system programs -------------------------------------------------------------------------
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  missing+=(fonts-noto-cjk)
fi
if [ "$browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
# the tests turn exported Word files into PDF with LibreOffice (the product does not need it)
if [ "$dev" = 1 ] && ! command -v soffice >/dev/null 2>&1; then missing+=(libreoffice-writer-nogui); fi

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "  Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
    echo "  缺少系统软件包：${missing[*]}，请先安装（例如 sudo apt-get install ${missing[*]}）。" >&2
    echo "  Without graphviz, flow charts cannot be downloaded as SVG/PNG; without fonts-noto-cjk," >&2
    echo "  Chinese text in charts shows as boxes." >&2
    [ "$dev" = 1 ] && exit 1
  fi
fi

# --- Python packages --------------------------------------------------------------------------
[ -x .venv/bin/python ] || "$PY" -m venv .venv
req=(-r requirements.txt)
[ "$dev" = 1 ] && req+=(-r requirements-dev.txt)
stamp=".venv/.installed-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)-$dev"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check "${req[@]}"
  touch "$stamp"
fi

# --- PostgreSQL for the tests (--postgres) ----------------------------------------------------
# scripts/postgres.sh installs PostgreSQL when missing, starts a server on 127.0.0.1 and prints
# its URL; the tests read it from .venv/postgres-url (scripts/test.sh exports it). Without it the
# PostgreSQL tests are skipped, except in CI, which must run them.
if [ "$postgres" = 1 ]; then
  if ! scripts/postgres.sh start >.venv/postgres-url; then
    : >.venv/postgres-url
    if [ -n "${CI:-}" ]; then
      echo "CI needs PostgreSQL for the tests and it could not be started." >&2
      exit 1
    fi
    echo "PostgreSQL could not be started: the tests on PostgreSQL will be skipped." >&2
    echo "无法启动 PostgreSQL：将跳过 PostgreSQL 上的测试。" >&2
  fi
fi
