#!/usr/bin/env bash
# What the secrets analyzers (SB3xxx) cost the compiler: a generated C# project of ~200,000 lines (string literals of
# every kind, interpolations, concatenations, configuration reads, attributes, a wwwroot and appsettings.json) is
# compiled with the analyzers, -p:ReportAnalyzer=true, RUNS times (default 5, after a warm-up build, so the compiler
# server is warm as in a developer's inner loop). For each run: the time the compiler attributes to
# Supabase.Build.Analyzers (its "analyzer execution time" report) over the time of the Csc task; printed per run,
# then the median. The goal is under 1%.
#
# Usage: build/bench/analyzer-overhead.sh [LINES]   (RUNS=... for more runs). Leaves its work in .tmp/bench/analyzer-overhead/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lines="${1:-200000}"
runs="${RUNS:-5}"
work="$root/.tmp/bench/analyzer-overhead"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_UI_LANGUAGE=en
rm -rf "$work"
mkdir -p "$work/package/build" "$work/package/analyzers/dotnet/cs" "$work/project/Generated"

# 1. The analyzers, laid out as in the package: analyzers/dotnet/cs/*.dll beside build/Supabase.Build.Analyzers.targets.
echo "analyzer-overhead: building the analyzers (Release)" >&2
dotnet build "$root/src/Supabase.Build.Analyzers.CodeFixes/Supabase.Build.Analyzers.CodeFixes.csproj" -c Release \
  --artifacts-path "$work/artifacts" -nodeReuse:false -v:q -nologo >&2
cp "$(find "$work/artifacts/bin/Supabase.Build.Analyzers" -name Supabase.Build.Analyzers.dll | head -1)" \
   "$(find "$work/artifacts/bin/Supabase.Build.Analyzers.CodeFixes" -name Supabase.Build.Analyzers.CodeFixes.dll | head -1)" \
   "$work/package/analyzers/dotnet/cs/"
cp "$root/src/Supabase.Build.Sdk/Sdk/Supabase.Build.Analyzers.targets" "$work/package/build/"

# 2. The project: LINES lines of C# in files of 500 lines, plus what a web project serves.
echo "analyzer-overhead: generating $lines lines of C#" >&2
python3 - "$work/project/Generated" "$lines" <<'PY'
import os, sys
out, total = sys.argv[1], int(sys.argv[2])
per_file = 500
method = '''
        [System.Obsolete("Use the overload with a CancellationToken; kept for {n} callers")]
        public string Method{m}(string user, int count, System.Collections.Generic.IDictionary<string, string?> settings)
        {{
            const string Table = "public.accounts_{m}";
            var url = "https://abcdefghijklmnopqrst.supabase.co/rest/v1/" + Table + "?select=id,email&limit=" + count;
            var message = $"User {{user}} asked for {{count}} rows of {{Table}} at {{System.DateTime.UtcNow:O}}";
            var sql = @"select id, email, created_at
                        from public.accounts
                        where owner = @owner and created_at > now() - interval '7 days'";
            var json = """
                {{ "name": "item-{m}", "tags": ["alpha", "beta"], "enabled": true, "limit": 100 }}
                """;
            var key = settings["Supabase:AnonKey"] ?? "";
            var header = "Bearer " + key;
            var connection = "Host=localhost;Port=5432;Database=app;Username=app;Password=postgres";
            var path = System.IO.Path.Combine("wwwroot", "data", "file-{m}.json");
            if (message.Length > 10_000 && sql.Contains("owner", System.StringComparison.Ordinal))
            {{
                throw new System.InvalidOperationException($"Too long: {{message.Length}} characters for {{user}}");
            }}
            return string.Join("|", url, message, json, header, connection, path, "done-{m}");
        }}
'''
lines_per_method = method.count('\n')
files = max(1, total // per_file)
for f in range(files):
    body = [f'namespace Bench.Generated.Area{f % 20}\n{{\n    public sealed class Service{f}\n    {{\n']
    count, m = 5, 0
    while count + lines_per_method + 2 <= per_file:
        body.append(method.format(n=f, m=m))
        count += lines_per_method
        m += 1
    body.append('    }\n}\n')
    text = ''.join(body)
    text += '\n' * max(0, per_file - text.count('\n'))
    with open(os.path.join(out, f'Service{f}.cs'), 'w') as fh:
        fh.write(text)
PY
mkdir -p "$work/project/wwwroot/css" "$work/project/wwwroot/js"
printf '{\n  "Supabase": {\n    "Url": "https://abcdefghijklmnopqrst.supabase.co",\n    "PublishableKey": "sb_publishable_..."\n  }\n}\n' > "$work/project/wwwroot/appsettings.json"
python3 -c "print('\n'.join('.c%d { color: #%06x; margin: %dpx; }' % (i, i * 2654435761 % 0xffffff, i % 40) for i in range(20000)))" > "$work/project/wwwroot/css/site.css"
python3 -c "print('\n'.join('export function f%d(a, b) { return fetch(\"/api/items/%d?limit=\" + a).then(r => r.json()).then(x => x.concat(b)); }' % (i, i) for i in range(10000)))" > "$work/project/wwwroot/js/app.js"
cp "$work/project/wwwroot/appsettings.json" "$work/project/appsettings.json"
cat > "$work/Directory.Build.props" <<'XML'
<Project />
XML
cat > "$work/Directory.Build.targets" <<'XML'
<Project />
XML
cat > "$work/Directory.Packages.props" <<'XML'
<Project />
XML
cat > "$work/project/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <!-- The compiler's own analysis as in a new project: the default NetAnalyzers set, no warnings as errors. -->
    <NoWarn>\$(NoWarn);CS0618;CA1822</NoWarn>
  </PropertyGroup>
  <Import Project="../package/build/Supabase.Build.Analyzers.targets" />
</Project>
XML
echo "analyzer-overhead: $(cat "$work"/project/Generated/*.cs | wc -l) lines in $(ls "$work"/project/Generated | wc -l) files" >&2

# 3. Warm-up build (restore, compiler server), then RUNS measured rebuilds.
cd "$work/project"
dotnet build Bench.csproj -nodeReuse:false -v:q -nologo >"$work/warmup.log" 2>&1 || { cat "$work/warmup.log" >&2; exit 1; }
shares=()
for run in $(seq 1 "$runs"); do
  log="$work/run-$run.log"
  dotnet build Bench.csproj --no-restore --no-incremental -nodeReuse:false -nologo -tl:off \
    -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  share="$(python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
# "Total analyzer execution time: 1.234 seconds." then per assembly: "   0.012   <1   Supabase.Build.Analyzers, Version=..."
total = float(re.search(r'Total analyzer execution time:\s*([\d.]+)', text).group(1))
ours = sum(float(m.group(1)) for m in re.finditer(r'^\s*([\d.]+)\s+\S+\s+Supabase\.Build\.Analyzers,', text, re.M))
csc = sum(float(m.group(1)) / 1000 for m in re.finditer(r'^\s*(\d+) ms\s+Csc\s+\d+ calls', text, re.M))
print(f"{ours:.3f} {total:.3f} {csc:.3f} {100 * ours / csc:.3f}")
PY
)"
  read -r ours total csc pct <<<"$share"
  echo "run $run: Supabase.Build.Analyzers ${ours} s of ${csc} s in Csc (${pct}%); all analyzers ${total} s" >&2
  shares+=("$pct")
done
median="$(printf '%s\n' "${shares[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
echo "secrets analyzers on $(cat "$work"/project/Generated/*.cs | wc -l) lines: median ${median}% of compile time (Csc task) over $runs runs; goal < 1%"
