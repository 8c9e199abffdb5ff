#!/usr/bin/env bash
# Start a PostgreSQL server for the tests on 127.0.0.1 and print its URL (installing PostgreSQL
# from Debian packages first when it is missing and we are root or have password-less sudo).
# Its data folder is made once; the server is started only when it is not running. It trades
# durability for speed (fsync off): it is for tests, never for data anyone keeps.
# Usage: scripts/postgres.sh [start|stop|url]
# Environment: PLANDRILL_PG_PORT (55432), PLANDRILL_PG_DIR (/var/tmp/plandrill-pg-PORT).
set -euo pipefail

action=${1:-start}
port=${PLANDRILL_PG_PORT:-55432}
dir=${PLANDRILL_PG_DIR:-/var/tmp/plandrill-pg-$port}
user=plandrill
password=plandrill-tests-only
url="postgresql://$user:$password@127.0.0.1:$port/postgres"

if [ "$action" = url ]; then echo "$url"; exit 0; fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] && [ "$action" = start ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "Installing PostgreSQL (Debian package postgresql)" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    bin=$(find_bin)
  fi
fi
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: sudo apt-get install postgresql" >&2
  echo "未安装 PostgreSQL：请先运行 sudo apt-get install postgresql" >&2
  exit 1
fi

# The server refuses to run as root: as root, the folder and the server belong to `postgres`.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$action" = stop ]; then
  [ -f "$dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
  exit 0
fi

init() {
  rm -rf "$dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  local pwfile
  pwfile=$(mktemp)
  echo "$password" >"$pwfile"
  chmod 644 "$pwfile"
  if ! as_owner "$bin/initdb" -D "$dir" -U "$user" --pwfile="$pwfile" --auth=scram-sha-256 \
    -E UTF8 --no-locale >"$dir.initdb.log" 2>&1; then
    cat "$dir.initdb.log" >&2
    rm -f "$pwfile"
    exit 1
  fi
  rm -f "$pwfile"
}

start() {
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir \
     -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    >/dev/null
}

[ -f "$dir/PG_VERSION" ] || init
if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  # a folder left unusable (a machine that went down with fsync off) is made anew
  if ! start; then
    tail -n 5 "$dir/server.log" >&2 || true
    echo "Making the test server's folder $dir anew" >&2
    init
    start || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  fi
fi
echo "$url"
