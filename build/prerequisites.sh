#!/usr/bin/env bash
# Everything the build and the tests need beyond the .NET SDK, on a fresh Debian/Ubuntu machine:
# PostgreSQL 15 binaries (for throwaway test clusters; no distribution cluster is created) and the bundled
# parser libpg_query 17 for every runtime the packages ship (built from Debian's source with Zig, about three
# minutes of CPU the first time; cached outside the repository). Idempotent and quick when everything is there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$root/build/pg-start.sh" --install-only
"$root/build/build-libpg-query.sh" --all
