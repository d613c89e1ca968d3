#!/usr/bin/env bash
# The README's main command: what a user of Supabase.Build sees, start to finish.
#   1. pack Supabase.Build.Sdk (and the supabase-build tool) into nuget/    (the build fetches libpg_query if needed)
#   2. dotnet build samples/TodoApp: its last migration builds an index without CONCURRENTLY, so the build FAILS
#      with file(line,col): error SB1003 - that failure is the point of the demo
#   3. build again with nothing changed: the lint is skipped as up to date, the same error is still reported
#   4. apply the safe rewrite (CREATE INDEX CONCURRENTLY) in a copy of the sample: the build passes and the app runs
#   5. the same lint outside MSBuild: the supabase-build tool, installed from nuget/
# Exits 0 when everything behaved as described (including the expected SB errors), non-zero when anything else broke.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scratch="$root/.tmp/demo"
rm -rf "$scratch"
mkdir -p "$scratch"
# A fresh package cache, so the SDK just packed is the one used.
export NUGET_PACKAGES="$scratch/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\ndemo: FAILED: %s\n' "$*" >&2; exit 1; }
# Every error in a build log is a Supabase.Build diagnostic (SBnnnn), and there is at least one.
only_sb_errors() {
  grep -qE ': error SB[0-9]{4}:' "$1" && ! grep -E ': error ([A-Z]+[0-9]+)?:' "$1" | grep -qvE ': error SB[0-9]{4}:'
}

step "build/pack.sh"
version="$(build/pack.sh)"
echo "packed $version into nuget/"

build_sample() { # log-file project-dir [extra msbuild args...]
  local log="$1" project="$2"
  shift 2
  set +e
  dotnet build "$project" -nodeReuse:false -p:SupabaseBuildSdkVersion="$version" "$@" 2>&1 | tee "$log"
  local code="${PIPESTATUS[0]}"
  set -e
  return "$code"
}

step "dotnet build samples/TodoApp   (<Sdk Name=\"Supabase.Build.Sdk\" Version=\"$version\" />)"
if build_sample "$scratch/build1.log" samples/TodoApp; then
  fail "the sample built, but its last migration should have failed the build with SB1003"
fi
only_sb_errors "$scratch/build1.log" && grep -q 'index_profiles_updated_at.sql(3,1): error SB1003:' "$scratch/build1.log" \
  || fail "the build failed for another reason than the expected SB1003 (see $scratch/build1.log)"
echo "demo: the build failed on SB1003, as it should"

step "dotnet build samples/TodoApp   (again, nothing changed)"
if build_sample "$scratch/build2.log" samples/TodoApp -v:n >/dev/null; then
  fail "the second build passed; it should report the cached SB1003 again"
fi
grep -E 'Skipping target "_SupabaseLintMigrations"|: error SB' "$scratch/build2.log" | sort -u
grep -q 'Skipping target "_SupabaseLintMigrations"' "$scratch/build2.log" || fail "the second build linted again"
only_sb_errors "$scratch/build2.log" || fail "the second build failed for another reason (see $scratch/build2.log)"

step "fix: CREATE INDEX CONCURRENTLY (in a copy of the sample under .tmp/demo/)"
cp -r samples "$scratch/samples"
sed -i "s#\"\.\./nuget\"#\"$root/nuget\"#" "$scratch/samples/NuGet.config"
fixed="$scratch/samples/supabase/migrations/20240301120000_index_profiles_updated_at.sql"
sed -i 's/^create index if not exists/create index concurrently if not exists/' "$fixed"
grep -i '^create index' "$fixed"
build_sample "$scratch/build3.log" "$scratch/samples/TodoApp" || fail "the fixed sample does not build (see $scratch/build3.log)"
dotnet "$scratch/samples/TodoApp/bin/Debug/net10.0/TodoApp.dll"

if [[ -f src/Supabase.Build.Cli/Supabase.Build.Cli.csproj ]]; then
  step "supabase-build lint samples/supabase/migrations   (the dotnet tool, from nuget/)"
  dotnet tool install Supabase.Build.Cli --version "$version" --tool-path "$scratch/tools" --add-source "$root/nuget" >/dev/null
  set +e
  "$scratch/tools/supabase-build" lint samples/supabase/migrations | tee "$scratch/cli.log"
  code="${PIPESTATUS[0]}"
  set -e
  [[ "$code" == 1 ]] && grep -q 'error SB1003:' "$scratch/cli.log" || fail "supabase-build lint exited $code without the expected SB1003"
fi

printf '\ndemo: OK (Supabase.Build.Sdk %s). The failures above are the ones the sample is built to show.\n' "$version"
