#!/usr/bin/env bash
# What the SDK adds to a no-op `dotnet build`: the sample app (its unsafe index made CONCURRENTLY, so it builds)
# with Supabase.Build.Sdk (lint, models, analyzer) and the same app without it (the generated models copied in as source), each built once, then timed in the same hyperfine run
# (5 runs each, after a warm-up). Prints the medians and the ratio with/without.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
scratch="$root/.tmp/bench/noop"
rm -rf "$scratch"
mkdir -p "$scratch"
export NUGET_PACKAGES="$scratch/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }; }

version="$(build/pack.sh)"

# Two copies of the sample: "with" as shipped (index fixed), "without" with the <Sdk> line removed.
for variant in with without; do
  cp -r samples "$scratch/$variant"
  sed -i "s#\"\.\./nuget\"#\"$root/nuget\"#" "$scratch/$variant/NuGet.config"
  sed -i 's/^create index if not exists/create index concurrently if not exists/' "$scratch/$variant"/supabase/migrations/*_index_profiles_updated_at.sql
done
sed -i '/^[[:space:]]*<Sdk Name="Supabase.Build.Sdk"/d' "$scratch/without/TodoApp/TodoApp.csproj"
grep -q '^[[:space:]]*<Sdk Name="Supabase.Build.Sdk"' "$scratch/without/TodoApp/TodoApp.csproj" && { echo "noop-build: could not remove the SDK" >&2; exit 1; }

for variant in with without; do
  if [[ "$variant" == without ]]; then
    # The sample uses the models the SDK generates: give the app without the SDK the same code, as a plain source file.
    cp "$(find "$scratch/with/TodoApp/obj" -name 'Supabase.Models.g.cs' | head -n 1)" "$scratch/without/TodoApp/Supabase.Models.g.cs"
  fi
  dotnet build "$scratch/$variant/TodoApp" -nodeReuse:false -p:SupabaseBuildSdkVersion="$version" >"$scratch/$variant.log" 2>&1 \
    || { cat "$scratch/$variant.log" >&2; exit 1; }
done

build() { echo "dotnet build $scratch/$1/TodoApp --no-restore -nodeReuse:false -p:SupabaseBuildSdkVersion=$version"; }
hyperfine --warmup 1 --runs "$runs" --export-json "$scratch/hyperfine.json" \
  -n "with Supabase.Build.Sdk" "$(build with)" \
  -n "without" "$(build without)"

python3 - "$scratch/hyperfine.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
with_sdk, without = results["with Supabase.Build.Sdk"]["median"], results["without"]["median"]
print(f"no-op dotnet build, median of {len(results['without']['times'])}: with SDK {with_sdk:.3f} s, without {without:.3f} s, ratio {with_sdk / without:.3f}")
PY
