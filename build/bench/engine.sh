#!/usr/bin/env bash
# BenchmarkDotNet over the engine's stages (parse, scan, lint without rules, lint) on ../shared/corpus.
# Extra arguments go to BenchmarkDotNet, e.g. --job short, --filter '*Lint*'.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root/build/bench/Supabase.Build.Benchmarks"
if [[ " $* " == *" --filter "* ]]; then dotnet run -c Release -- "$@"; else dotnet run -c Release -- --filter '*' "$@"; fi
