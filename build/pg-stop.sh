#!/usr/bin/env bash
# Stops the throwaway PostgreSQL cluster that build/pg-start.sh started (recorded in .tmp/pg/state)
# and deletes its data dir. Does nothing, successfully, when no cluster is recorded.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="${PG_STATE_DIR:-$root/.tmp/pg}"
state_file="$state_dir/state"

log() { echo "pg-stop: $*" >&2; }

if [[ ! -f "$state_file" ]]; then
  log "no throwaway cluster recorded in .tmp/pg/state; nothing to stop"
  exit 0
fi

PG_DATA="" PG_TMPDIR="" PG_BINDIR=""
# shellcheck disable=SC1090
source "$state_file"
bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"

if [[ $(id -u) -eq 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if [[ -n "$PG_DATA" && -d "$PG_DATA" && -x "$bindir/pg_ctl" ]]; then
  if as_pg "$bindir/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; then
    as_pg "$bindir/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 30 >/dev/null 2>&1 ||
      as_pg "$bindir/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1 ||
      { log "could not stop the server of $PG_DATA"; exit 1; }
    log "stopped the cluster in $PG_DATA"
  else
    log "the cluster in $PG_DATA was not running"
  fi
fi

# Only ever delete a directory that pg-start.sh made.
if [[ -n "$PG_TMPDIR" && "$PG_TMPDIR" == /tmp/supabase-build-pgsh.* ]]; then
  rm -rf -- "$PG_TMPDIR"
fi
rm -f -- "$state_file"
rmdir -- "$state_dir" 2>/dev/null || true
