#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on loopback and applies build/supabase-bootstrap.sql.
#
#   bash build/pg-start.sh [PORT]        # PORT also from $PG_PORT; otherwise a free loopback port
#   bash build/pg-start.sh --install-only # only make sure the PostgreSQL 15 binaries are installed
#   PG_STATE_DIR=dir bash build/pg-start.sh 54322   # a second cluster, its state in dir (stop it the same way)
#
# Prints   SUPABASE_DB_URL=postgresql://postgres:postgres@127.0.0.1:<port>/postgres
# and writes it, with the data dir, to .tmp/pg/state (shell-sourceable) for build/pg-stop.sh.
# The password is the well-known local default of the Supabase CLI's database, for local throwaway use.
#
# The cluster: initdb as the `postgres` user when run as root (PostgreSQL refuses root), data dir, socket
# and server log under a mktemp dir in /tmp owned by that user, local (socket) connections trusted, TCP
# connections on 127.0.0.1 only with scram-sha-256 password authentication, fsync off.
# Idempotent: when the cluster of .tmp/pg/state is still running, prints its URL and does nothing else.
# When the PostgreSQL 15 binaries are missing, installs postgresql-15 (and contrib) with apt-get.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# PG_STATE_DIR: where the state of this cluster is kept (default .tmp/pg), so a script can run a cluster of its own.
state_dir="${PG_STATE_DIR:-$root/.tmp/pg}"
state_file="$state_dir/state"
bootstrap="$root/build/supabase-bootstrap.sql"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"

log() { echo "pg-start: $*" >&2; }
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

install_postgres() {
  [[ -x "$bindir/initdb" ]] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL 15 binaries not found in $bindir and apt-get is not available;"
    log "install PostgreSQL 15 and set PG_BINDIR to its bin directory."
    exit 1
  fi
  log "PostgreSQL 15 binaries not found in $bindir; installing postgresql-15 with apt-get"
  # Throwaway clusters only: keep the package from creating (and starting) its own 'main' cluster.
  sudo_if_needed mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" |
    sudo_if_needed tee /etc/postgresql-common/createcluster.d/supabase-build.conf >/dev/null
  local apt_log; apt_log="$(mktemp)"
  apt_install() {
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-contrib-15 >"$apt_log" 2>&1
  }
  if ! apt_install; then
    sudo_if_needed apt-get update -qq >"$apt_log" 2>&1 && apt_install ||
      { cat "$apt_log" >&2; rm -f "$apt_log"; log "apt-get install postgresql-15 failed"; exit 1; }
  fi
  rm -f "$apt_log"
  [[ -x "$bindir/initdb" ]] || { log "installing postgresql-15 did not provide $bindir/initdb"; exit 1; }
}

port_arg=""
case "${1:-}" in
  --install-only) install_postgres; exit 0 ;;
  -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) port_arg="$1" ;;
esac
requested_port="${port_arg:-${PG_PORT:-}}"
if [[ -n "$requested_port" && ! "$requested_port" =~ ^[0-9]+$ ]]; then
  log "port must be a number, got '$requested_port'"; exit 2
fi

install_postgres

# As root, every server-side step runs as the postgres user; otherwise as the current user.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { log "running as root but there is no 'postgres' user (install postgresql-15)"; exit 1; }
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# Already running? Then this is a no-op that reports the same URL.
if [[ -f "$state_file" ]]; then
  # shellcheck disable=SC1090
  PG_DATA="" PG_TMPDIR="" SUPABASE_DB_URL="" PG_PORT=""
  source "$state_file"
  if [[ -n "$PG_DATA" && -d "$PG_DATA" ]] && as_pg "$bindir/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; then
    log "already running (data dir $PG_DATA); stop it with build/pg-stop.sh"
    if [[ -n "$requested_port" && "$requested_port" != "${PG_PORT:-}" ]]; then
      log "note: it listens on port ${PG_PORT:-?}, not the requested $requested_port"
    fi
    echo "SUPABASE_DB_URL=$SUPABASE_DB_URL"
    exit 0
  fi
  log "removing stale state of a cluster that is no longer running"
  [[ -n "$PG_TMPDIR" && "$PG_TMPDIR" == /tmp/supabase-build-pgsh.* ]] && rm -rf -- "$PG_TMPDIR"
  rm -f -- "$state_file"
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p i
  for i in $(seq 1 50); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  log "found no free loopback port"; return 1
}

tmp="$(mktemp -d /tmp/supabase-build-pgsh.XXXXXX)"
cleanup_on_error() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    [[ -f "$tmp/server.log" ]] && { log "server log:"; tail -n 20 "$tmp/server.log" >&2 || true; }
    as_pg "$bindir/pg_ctl" stop -D "$tmp/data" -m immediate -w >/dev/null 2>&1 || true
    rm -rf -- "$tmp"
  fi
}
trap cleanup_on_error EXIT

umask 077
printf 'postgres\n' > "$tmp/pwfile"
[[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$tmp"

as_pg "$bindir/initdb" -D "$tmp/data" -U postgres --pwfile="$tmp/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
rm -f -- "$tmp/pwfile"

started=""
for attempt in 1 2 3 4 5; do
  port="${requested_port:-$(pick_port)}"
  if as_pg "$bindir/pg_ctl" start -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
       -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$tmp' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       >/dev/null 2>&1; then
    started=1; break
  fi
  if [[ -n "$requested_port" ]]; then
    log "could not start on port $port"; exit 1
  fi
  log "start on port $port failed (attempt $attempt); trying another port"
done
[[ -n "$started" ]] || { log "could not start the server"; exit 1; }

PGPASSWORD="" "$bindir/psql" -X -q -h "$tmp" -p "$port" -U postgres -d postgres \
  -v ON_ERROR_STOP=1 -f "$bootstrap" >/dev/null

url="postgresql://postgres:postgres@127.0.0.1:$port/postgres"
mkdir -p "$state_dir"
{
  echo "# Written by build/pg-start.sh; build/pg-stop.sh reads it."
  printf 'SUPABASE_DB_URL=%q\n' "$url"
  printf 'PG_PORT=%q\n' "$port"
  printf 'PG_DATA=%q\n' "$tmp/data"
  printf 'PG_TMPDIR=%q\n' "$tmp"
  printf 'PG_SOCKET_DIR=%q\n' "$tmp"
  printf 'PG_LOG=%q\n' "$tmp/server.log"
  printf 'PG_BINDIR=%q\n' "$bindir"
} > "$state_file"

trap - EXIT
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data dir $tmp/data); stop it with build/pg-stop.sh"
echo "SUPABASE_DB_URL=$url"
