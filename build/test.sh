#!/usr/bin/env bash
# The README's test command: installs what the tests need (PostgreSQL 15, the parser for every runtime), proves the
# parser builds from nothing (empty apt lists, no cache: build/check-fresh-parser-build.sh), then runs the whole
# suite: unit tests, the corpus robustness tests (../shared/corpus beside the repository; skipped with a message when
# absent), tests against a real throwaway PostgreSQL, and end-to-end `dotnet build` tests of the packed SDK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

"$root/build/prerequisites.sh"
"$root/build/check-fresh-parser-build.sh" linux-x64

dotnet build Supabase.Build.sln -c Release -nodeReuse:false
dotnet test Supabase.Build.sln -c Release --no-build -nodeReuse:false --logger "console;verbosity=minimal" "$@"
