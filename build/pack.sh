#!/usr/bin/env bash
# Packs what users install into nuget/ (the local feed NuGet.config and samples/NuGet.config list):
#   Supabase.Build.Sdk   the MSBuild SDK (tasks, engine, libpg_query 17 for every runtime: build/build-libpg-query.sh)
#   Supabase.Build.Cli   the supabase-build dotnet tool, when src/Supabase.Build.Cli exists
#   Supabase.Build.Analyzers  the secrets analyzers alone (SB3xxx), for projects that do not use the SDK
# Usage: build/pack.sh [VERSION]   (or VERSION=... build/pack.sh); default 0.1.0-local.<UTC timestamp>, a new
# version each time, since a consumer's NuGet cache never notices a re-pack of the same version.
# Progress goes to stderr; stdout is the version alone, so scripts can write: version="$(build/pack.sh)".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${1:-${VERSION:-}}"
feed="$root/nuget"
mkdir -p "$feed"
if [[ -z "$version" ]]; then
  version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
  # Only the newest local pack is worth keeping.
  rm -f "$feed"/Supabase.Build.Sdk.*-local.*.nupkg "$feed"/Supabase.Build.Cli.*-local.*.nupkg "$feed"/Supabase.Build.Analyzers.*-local.*.nupkg
fi

projects=("$root/src/Supabase.Build.Sdk/Supabase.Build.Sdk.csproj" "$root/src/Supabase.Build.Analyzers/Supabase.Build.Analyzers.csproj")
if [[ -f "$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj" ]]; then
  projects+=("$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj")
fi

# The parser for every runtime the packages ship (cached outside the repository after the first build).
bash "$root/build/build-libpg-query.sh" --all >&2

for project in "${projects[@]}"; do
  echo "pack: $(basename "$project" .csproj) $version -> nuget/" >&2
  dotnet pack "$project" -c Release -p:Version="$version" -p:SupabasePackAllParsers=true -o "$feed" -nologo -v:q -nodeReuse:false >&2
done

echo "$version"
