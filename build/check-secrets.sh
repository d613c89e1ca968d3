#!/usr/bin/env bash
# The secrets analyzers (SB3xxx) over this repository's own code, with the real compiler: builds Supabase.Build.sln
# (into .tmp/check-secrets, leaving bin/ and obj/ alone) with the analyzers added to every project, every project
# treated as a client project (the strictest kind, SB3006 included) and every SB3xxx rule raised to a warning so that
# info-level findings show too. Prints each SB3xxx finding and each AD0001 (an analyzer crash); exits 1 if there is one.
# The unit test RepositorySelfCheckTests does the same through the Roslyn API on every test run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.tmp/check-secrets"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en
rm -rf "$work"
mkdir -p "$work/package/build" "$work/package/analyzers/dotnet/cs"

echo "check-secrets: building the analyzers" >&2
dotnet build "$root/src/Supabase.Build.Analyzers.CodeFixes/Supabase.Build.Analyzers.CodeFixes.csproj" -c Release \
  --artifacts-path "$work/analyzers" -nodeReuse:false -v:q -nologo >&2
cp "$(find "$work/analyzers/bin/Supabase.Build.Analyzers" -name Supabase.Build.Analyzers.dll | head -1)" \
   "$(find "$work/analyzers/bin/Supabase.Build.Analyzers.CodeFixes" -name Supabase.Build.Analyzers.CodeFixes.dll | head -1)" \
   "$work/package/analyzers/dotnet/cs/"
cp "$root/src/Supabase.Build.Sdk/Sdk/Supabase.Build.Analyzers.targets" "$work/package/build/"

{
  echo "is_global = true"
  for id in 3001 3002 3003 3004 3005 3006 3007 3008 3009; do echo "dotnet_diagnostic.SB$id.severity = warning"; done
} > "$work/all-warnings.globalconfig"
cat > "$work/inject.targets" <<'XML'
<Project>
  <PropertyGroup>
    <SupabaseClientProject>true</SupabaseClientProject>
  </PropertyGroup>
  <Import Project="$(MSBuildThisFileDirectory)package/build/Supabase.Build.Analyzers.targets" />
  <ItemGroup>
    <GlobalAnalyzerConfigFiles Include="$(MSBuildThisFileDirectory)all-warnings.globalconfig" />
  </ItemGroup>
</Project>
XML

echo "check-secrets: building Supabase.Build.sln with the analyzers (log: $work/build.log)" >&2
status=0
dotnet build "$root/Supabase.Build.sln" --artifacts-path "$work/artifacts" -nodeReuse:false -tl:off -v:n -nologo \
  -p:CustomAfterMicrosoftCommonTargets="$work/inject.targets" -p:TreatWarningsAsErrors=false >"$work/build.log" 2>&1 || status=$?

# Every compiler run (its command line is logged at normal verbosity) must have had the analyzers.
compiled="$(grep -cE "Roslyn/bincore/csc .* /out:" "$work/build.log" || true)"
analyzed="$(grep -E "Roslyn/bincore/csc .* /out:" "$work/build.log" | grep -c -- "/analyzer:$work/package/analyzers/dotnet/cs/Supabase.Build.Analyzers.dll" || true)"
findings="$(grep -E "(warning|error) (SB3[0-9]{3}|AD0001)" "$work/build.log" | sort -u || true)"
if [[ -n "$findings" ]]; then
  echo "$findings"
  echo "check-secrets: $(echo "$findings" | wc -l) finding(s)" >&2
  exit 1
fi
if [[ $status -ne 0 ]]; then
  grep -E ": error " "$work/build.log" | sort -u | head -20 >&2
  echo "check-secrets: the build failed (above) before every project was analysed" >&2
  exit 2
fi
if [[ "$compiled" -eq 0 || "$analyzed" -ne "$compiled" ]]; then
  echo "check-secrets: the analyzers ran in $analyzed of $compiled compilations" >&2
  exit 2
fi
echo "check-secrets: no SB3xxx finding and no AD0001 in $compiled compilations (every project of Supabase.Build.sln)"
