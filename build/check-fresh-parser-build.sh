#!/usr/bin/env bash
# Proves the parser builds on a machine that has nothing: runs build/build-libpg-query.sh with an empty cache
# (so empty private apt lists, no downloaded source, no Zig, no compiled objects) into a throwaway folder, and
# checks the result is byte-identical to the library the build uses (src/Supabase.Build.PgQuery/runtimes/).
#
#   build/check-fresh-parser-build.sh [RID]      default linux-x64; the suite (build/test.sh) runs it
#
# It leaves the machine's own state alone: the system's apt lists are neither read for the source nor cleared.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${1:-linux-x64}"
log() { echo "check-fresh-parser-build: $*" >&2; }

case "$rid" in win-*) name=pg_query.dll ;; osx-*) name=libpg_query.dylib ;; *) name=libpg_query.so ;; esac
project_copy="$root/src/Supabase.Build.PgQuery/runtimes/$rid/native/$name"
bash "$root/build/build-libpg-query.sh" "$rid" # the project's copy, from the usual cache

fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
start=$SECONDS
SUPABASE_BUILD_CACHE="$fresh/cache" XDG_CACHE_HOME="$fresh/xdg" npm_config_cache="$fresh/npm" \
  bash "$root/build/build-libpg-query.sh" "$rid" --out "$fresh/runtimes"

if ! cmp "$fresh/runtimes/$rid/native/$name" "$project_copy"; then
  log "FAILED: a build from an empty cache differs from ${project_copy#$root/}"
  exit 1
fi
log "ok: $rid built from nothing (empty apt lists, no source, no compiler, no cache) in $((SECONDS - start)) s, byte-identical to ${project_copy#$root/}"
