#!/usr/bin/env bash
# Everything the build and the tests need beyond the .NET SDK, on a fresh Debian/Ubuntu machine:
# PostgreSQL 15 (for the throwaway test clusters) and the bundled parser libpg_query. Idempotent and quick when
# everything is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15 postgresql-contrib-15)
command -v apt-get >/dev/null || { echo "prerequisites: not a Debian/Ubuntu machine; install PostgreSQL 15 and libpg_query yourself" >&2; exit 0; }
if (( ${#missing[@]} > 0 )); then
  echo "prerequisites: installing ${missing[*]}"
  as_root apt-get update -qq
  # Install the server binaries only; do not start the distribution's own cluster.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$root/build/fetch-libpg-query.sh"
