#!/usr/bin/env bash
# The README's main command: what a user of Supabase.Build sees, start to finish.
#   1. pack Supabase.Build.Sdk (and the supabase-build tool) into nuget/    (the build fetches libpg_query if needed)
#   2. dotnet build samples/TodoApp: its last migration builds an index without CONCURRENTLY, so the build FAILS
#      with file(line,col): error SB1003 - that failure is the point of the demo
#   3. build again with nothing changed: the lint is skipped as up to date, the same error is still reported
#   4. apply the safe rewrite (CREATE INDEX CONCURRENTLY) in a copy of the sample: the build passes and the app runs
#   5. the typed C# models the build generated from the migrations, used by the sample's Program.cs
#   6. the same lint and models outside MSBuild: the supabase-build tool, installed from nuget/
#   7. push: a throwaway PostgreSQL 15 on 127.0.0.1:54322 (the Supabase CLI's local default); the unsafe sample's push
#      is refused by the lint, the fixed copy is pushed, and -t:SupabaseMigrationStatus shows before and after
#   8. advise: -t:SupabaseAdvise runs the Supabase security checks (SB2xxx) on the live database; its SB2004 warning
#      (a function without SET search_path) is placed at the migration that made the function, as the build shows it
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
grep -E ': warning SB2' "$scratch/build3.log" | sort -u
grep -q ': warning SB2004:' "$scratch/build3.log" || fail "the build did not show the sample's SB2004 warning (see $scratch/build3.log)"
dotnet "$scratch/samples/TodoApp/bin/Debug/net10.0/TodoApp.dll"

step "typed models: SupabaseGenerateModels=true (samples/TodoApp/TodoApp.csproj), generated from the migrations"
models="$scratch/samples/TodoApp/obj/Debug/net10.0/Supabase.Models.g.cs"
[[ -f "$models" ]] || fail "the build did not generate $models"
grep -E '^    public (sealed partial record|enum|static partial class) ' "$models" | sed 's/^    //'
echo "Program.cs above builds TodosRow / TodosInsert records; a schema change that breaks it fails the build."
build_sample "$scratch/build4.log" "$scratch/samples/TodoApp" -v:d >/dev/null || fail "the unchanged sample does not build (see $scratch/build4.log)"
grep -q 'Skipping target "_SupabaseModelsGenerate" because all output files are up-to-date' "$scratch/build4.log" \
  || fail "an unchanged build generated the models again (see $scratch/build4.log)"
echo "demo: a build with nothing changed skips the model generation"

if [[ -f src/Supabase.Build.Cli/Supabase.Build.Cli.csproj ]]; then
  step "supabase-build lint samples/supabase/migrations   (the dotnet tool, from nuget/)"
  dotnet tool install Supabase.Build.Cli --version "$version" --tool-path "$scratch/tools" --add-source "$root/nuget" >/dev/null
  set +e
  "$scratch/tools/supabase-build" lint samples/supabase/migrations | tee "$scratch/cli.log"
  code="${PIPESTATUS[0]}"
  set -e
  [[ "$code" == 1 ]] && grep -q 'error SB1003:' "$scratch/cli.log" || fail "supabase-build lint exited $code without the expected SB1003"

  step "supabase-build gen samples/supabase/migrations   (the same models outside MSBuild)"
  "$scratch/tools/supabase-build" gen samples/supabase/migrations --namespace TodoApp.Supabase --output "$scratch/Supabase.g.cs"
  grep -cE 'public sealed partial record' "$scratch/Supabase.g.cs" | sed 's/$/ records generated/'
fi

# --- push ---------------------------------------------------------------------------------------------------
# A throwaway PostgreSQL 15 (with the Supabase bootstrap) on 127.0.0.1:54322 with postgres/postgres: the Supabase
# CLI's local database address, which the push uses when neither SupabaseDbUrl nor SUPABASE_DB_URL is set.
msbuild_sample() { # log-file project-dir [extra msbuild args...]
  local log="$1" project="$2"
  shift 2
  set +e
  env -u SUPABASE_DB_URL dotnet msbuild "$project" -nodeReuse:false -tl:off -nologo -p:SupabaseBuildSdkVersion="$version" "$@" 2>&1 | tee "$log"
  local code="${PIPESTATUS[0]}"
  set -e
  return "$code"
}
if (exec 3<>/dev/tcp/127.0.0.1/54322) 2>/dev/null; then
  step "push: skipped, something already listens on 127.0.0.1:54322 (a local Supabase stack?); the demo does not push into it"
else
  step "push: build/pg-start.sh 54322   (a throwaway PostgreSQL 15 where the Supabase CLI's local database would be)"
  export PG_STATE_DIR="$scratch/pg"
  trap 'bash "$root/build/pg-stop.sh" >/dev/null 2>&1 || true' EXIT
  bash build/pg-start.sh 54322

  step "dotnet msbuild samples/TodoApp -t:SupabasePush   (the unsafe sample: the lint stops the push before anything runs)"
  if msbuild_sample "$scratch/push1.log" samples/TodoApp -t:SupabasePush; then
    fail "the unsafe sample was pushed; its SB1003 should have stopped the push"
  fi
  grep -q 'error SB1003:' "$scratch/push1.log" && grep -q 'Nothing was pushed' "$scratch/push1.log" \
    || fail "the push failed for another reason than the expected SB1003 (see $scratch/push1.log)"

  step "dotnet msbuild -t:SupabaseMigrationStatus   (the fixed copy, before the push)"
  msbuild_sample "$scratch/status1.log" "$scratch/samples/TodoApp" -t:SupabaseMigrationStatus -v:m \
    || fail "the status target failed (see $scratch/status1.log)"
  grep -q '0 applied, 4 pending.' "$scratch/status1.log" || fail "expected 4 pending migrations (see $scratch/status1.log)"

  step "dotnet msbuild -t:SupabasePush   (the fixed copy: history in supabase_migrations.schema_migrations, as the Supabase CLI keeps it)"
  msbuild_sample "$scratch/push2.log" "$scratch/samples/TodoApp" -t:SupabasePush -v:m || fail "the push failed (see $scratch/push2.log)"

  step "dotnet msbuild -t:SupabaseMigrationStatus   (after the push)"
  msbuild_sample "$scratch/status2.log" "$scratch/samples/TodoApp" -t:SupabaseMigrationStatus -v:m \
    || fail "the status target failed (see $scratch/status2.log)"
  grep -q '4 applied, 0 pending.' "$scratch/status2.log" || fail "expected 4 applied migrations (see $scratch/status2.log)"

  step "dotnet msbuild -t:SupabaseAdvise   (the Supabase security checks on the live database)"
  msbuild_sample "$scratch/advise.log" "$scratch/samples/TodoApp" -t:SupabaseAdvise -v:m || fail "advise failed (see $scratch/advise.log)"
  grep -E 'SB2|advised' "$scratch/advise.log" | sort -u
  grep -q '_touch_profiles_updated_at.sql(4,1): warning SB2004:' "$scratch/advise.log" \
    || fail "advise did not place SB2004 at the sample's migration (see $scratch/advise.log)"
fi

printf '\ndemo: OK (Supabase.Build.Sdk %s). The failures above are the ones the sample is built to show.\n' "$version"
