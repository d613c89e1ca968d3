#!/usr/bin/env bash
# Fetches the real PostgreSQL parser (Debian's libpg-query1504.0, PostgreSQL 15 grammar), verifies the .deb
# against the SHA-256 in the package index, and places it where the build bundles it from:
#   src/Supabase.Build.PgQuery/runtimes/linux-x64/native/libpg_query.so   (never committed)
# Idempotent: does nothing when the file is already there. The build calls it when the file is missing.
set -euo pipefail

package=libpg-query1504.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="$root/src/Supabase.Build.PgQuery/runtimes/linux-x64/native"
target="$target_dir/libpg_query.so"

if [[ -f "$target" && "${1:-}" != "--force" ]]; then
  exit 0
fi
if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "fetch-libpg-query: only linux-x64 is bundled; elsewhere install libpg_query (Homebrew 'libpg_query', vcpkg 'libpg-query') or set SUPABASE_PGQUERY_LIBRARY." >&2
  exit 0
fi

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

expected="$(apt-cache show "$package" 2>/dev/null | awk '/^SHA256:/ { print $2; exit }')"
if [[ -z "$expected" ]]; then
  echo "fetch-libpg-query: $package is not in the package index; running apt-get update" >&2
  sudo_if_needed apt-get update -qq
  expected="$(apt-cache show "$package" | awk '/^SHA256:/ { print $2; exit }')"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 777 "$work" # apt's _apt user downloads into it
(cd "$work" && apt-get download -qq "$package" 2>/dev/null)
deb="$(ls "$work"/*.deb)"
actual="$(sha256sum "$deb" | cut -d' ' -f1)"
if [[ "$actual" != "$expected" ]]; then
  echo "fetch-libpg-query: SHA-256 mismatch for $(basename "$deb"): expected $expected, got $actual" >&2
  exit 1
fi

dpkg-deb -x "$deb" "$work/x"
so="$(find "$work/x" -name 'libpg_query.so.*' -type f | head -n 1)"
mkdir -p "$target_dir"
# Copy to a temporary name first so a parallel build never sees half a file.
cp "$so" "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"
echo "fetch-libpg-query: $(basename "$deb") (sha256 $actual) -> ${target#$root/}"
