#!/usr/bin/env bash
# Whole-process lint time, side by side in one run: supabase-build (this repository's CLI, Release build) against
# squawk (npm squawk-cli, the peer a user would otherwise pick), on the same files.
#
#   bash build/bench/lint-vs-squawk.sh
#
# Workloads (every .sql file under each folder, recursively; both tools get the same list):
#   supabase-migrations  real Supabase migration histories
#   pg-regress           PostgreSQL 15's regression SQL (psql scripts, a hard parser/lexer workload)
# from $SUPABASE_CORPUS (default: ../shared/corpus beside the repository root).
#
# Both tools write JSON (supabase-build --format json, squawk --reporter json) to /dev/null; both exit non-zero
# on findings, so hyperfine runs with -i. A file that makes either tool stop without finishing (squawk 2.66.0
# panics on some pg-regress files: "the parser seems stuck") is left out for BOTH and listed, so the timed runs
# are complete runs of each tool over one and the same list. Each command is a small bash wrapper that execs the tool with the file
# list as arguments (the list is too long for one command string), the same wrapper shape for both.
#
# Knobs: BENCH_RUNS (default 10), BENCH_WARMUP (default 2), BENCH_CLI (aot: the native executable from
# build/publish-cli.sh, the default; dll: dotnet supabase-build.dll; both: the two, ratio against the native one). Prints hyperfine's tables, then the medians and the
# ratio squawk/ours (above 1: supabase-build is faster). Installs hyperfine (apt) and squawk-cli (npm, into
# build/bench/node_modules) when missing. Timings are ratios to read, never assertions.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$root/build/bench"
corpus="${SUPABASE_CORPUS:-$root/../shared/corpus}"
runs="${BENCH_RUNS:-10}"
warmup="${BENCH_WARMUP:-2}"
workloads=(supabase-migrations pg-regress)

log() { echo "lint-vs-squawk: $*" >&2; }
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ ! -d "$corpus" ]]; then
  log "corpus not found at $corpus; set SUPABASE_CORPUS to the folder holding supabase-migrations/ and pg-regress/"
  exit 2
fi
corpus="$(cd "$corpus" && pwd)"

# --- tools -------------------------------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null 2>&1; then
  log "installing hyperfine (apt)"
  sudo_if_needed apt-get install -y -qq hyperfine >/dev/null 2>&1 \
    || { sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq hyperfine >/dev/null; }
fi

squawk="$bench/node_modules/.bin/squawk"
if [[ ! -x "$squawk" ]]; then
  log "installing squawk-cli (npm, into build/bench/node_modules)"
  npm install --prefix "$bench" --no-audit --no-fund --loglevel=error >/dev/null
fi

# The native (AOT) executable by default, as build/publish-cli.sh makes it; BENCH_CLI=dll times the
# framework-dependent dotnet tool build instead (dotnet supabase-build.dll), BENCH_CLI=both times the two.
mode="${BENCH_CLI:-aot}"
if [[ "$mode" != "dll" ]]; then
  log "publishing supabase-build (Native AOT)"
  native="$(bash "$root/build/publish-cli.sh")"
fi
if [[ "$mode" != "aot" ]]; then
  log "building supabase-build (Release, framework-dependent)"
  dotnet build "$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj" -c Release -nologo -v quiet -nodeReuse:false >/dev/null
  cli="$root/src/Supabase.Build.Cli/bin/Release/net8.0/supabase-build.dll"
  [[ -f "$cli" ]] || { log "expected $cli after the build"; exit 1; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One wrapper per tool: reads the file list (one path a line, spaces allowed) and execs the tool on it.
if [[ "$mode" == "dll" ]]; then ours_cmd="dotnet \"$cli\""; else ours_cmd="\"$native\""; fi
cat >"$work/ours.sh" <<EOF
#!/usr/bin/env bash
mapfile -t files < "\$1"
exec $ours_cmd lint --format json "\${files[@]}"
EOF
if [[ "$mode" == "both" ]]; then
  cat >"$work/ours-dll.sh" <<EOF
#!/usr/bin/env bash
mapfile -t files < "\$1"
exec dotnet "$cli" lint --format json "\${files[@]}"
EOF
  chmod +x "$work/ours-dll.sh"
fi
cat >"$work/squawk.sh" <<EOF
#!/usr/bin/env bash
mapfile -t files < "\$1"
exec "$squawk" --reporter json "\${files[@]}"
EOF
chmod +x "$work/ours.sh" "$work/squawk.sh"

if [[ "$mode" == "dll" ]]; then ours_version="$(dotnet "$cli" --version)"; else ours_version="$("$native" --version)"; fi
echo "supabase-build $ours_version ($mode), $("$squawk" --version), $(hyperfine --version), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }'), $(nproc) cores"
echo "corpus: $corpus"
echo

# True when the tool lints the whole list to the end: exit 0 (clean) or 1 (findings), not a crash or panic.
finishes() {
  local rc=0
  "$1" "$2" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 0 || $rc -eq 1 ]]
}

# Writes to $3 the files of list $2 that tool $1 finishes on: the whole list when it can, else folder by folder,
# and file by file only inside a folder it cannot finish.
files_finished() {
  local wrapper=$1 list=$2 out=$3 dir sub="$work/sub.txt" file one="$work/one.txt"
  if finishes "$wrapper" "$list"; then
    cp "$list" "$out"
    return
  fi
  : >"$out"
  while IFS= read -r dir; do
    awk -v d="$dir" '{ p = $0; sub(/\/[^\/]*$/, "", p); if (p == d) print }' "$list" >"$sub"
    if finishes "$wrapper" "$sub"; then
      cat "$sub" >>"$out"
      continue
    fi
    while IFS= read -r file; do
      printf '%s\n' "$file" >"$one"
      if finishes "$wrapper" "$one"; then echo "$file" >>"$out"; else log "  $(basename "$wrapper" .sh) does not finish on ${file#"$corpus"/}"; fi
    done <"$sub"
  done < <(sed 's|/[^/]*$||' "$list" | LC_ALL=C sort -u)
}

declare -a summary
for workload in "${workloads[@]}"; do
  all="$work/$workload.all.txt"
  find "$corpus/$workload" -type f -name '*.sql' -print | LC_ALL=C sort >"$all"
  total=$(wc -l <"$all")
  if [[ "$total" -eq 0 ]]; then
    log "no .sql files under $corpus/$workload; skipped"
    continue
  fi

  log "$workload: checking that both tools finish on every file"
  files_finished "$work/ours.sh" "$all" "$work/$workload.ours-ok.txt"
  files_finished "$work/squawk.sh" "$all" "$work/$workload.squawk-ok.txt"
  list="$work/$workload.txt"
  LC_ALL=C comm -12 "$work/$workload.ours-ok.txt" "$work/$workload.squawk-ok.txt" >"$list"
  count=$(wc -l <"$list")
  bytes=$(tr '\n' '\0' <"$list" | xargs -0 cat | wc -c)

  # What each tool reports on this workload (outside the timing), so a reader can see both did the work.
  ours_summary=$("$work/ours.sh" "$list" 2>&1 >/dev/null | tail -n 1 || true)
  squawk_findings=$("$work/squawk.sh" "$list" 2>/dev/null | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      try { const r = JSON.parse(s); console.log(Array.isArray(r) ? r.length : "?"); } catch { console.log("?"); }
    });' || true)

  echo "== $workload: $count files, $bytes bytes"
  if [[ "$count" -ne "$total" ]]; then
    echo "   left out for both: $((total - count)) of $total files" \
      "(supabase-build does not finish on $((total - $(wc -l <"$work/$workload.ours-ok.txt"))), squawk on $((total - $(wc -l <"$work/$workload.squawk-ok.txt"))))"
  fi
  echo "   supabase-build: $ours_summary"
  echo "   squawk: $squawk_findings findings"
  # -N: no intermediate shell; the wrappers are exec'd directly.
  extra=()
  if [[ "$mode" == "both" ]]; then extra=(--command-name "supabase-build dll ($workload)" "$work/ours-dll.sh $list"); fi
  hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" \
    --export-json "$work/$workload.json" \
    --command-name "supabase-build ($workload)" "$work/ours.sh $list" \
    --command-name "squawk ($workload)" "$work/squawk.sh $list" "${extra[@]}"
  echo

  summary+=("$(node -e '
    const r = require(process.argv[1]).results;
    const ours = r[0].median, squawk = r[1].median;
    const ms = x => (x * 1000).toFixed(1).padStart(9) + " ms";
    console.log(process.argv[2].padEnd(20) + process.argv[3].padStart(6) + ms(ours) + ms(squawk) + (squawk / ours).toFixed(2).padStart(10) + "x");
  ' "$work/$workload.json" "$workload" "$count")")
done

echo "medians (hyperfine, $runs runs after $warmup warm-up runs each; ratio = squawk / supabase-build)"
printf '%-20s%6s%12s%12s%11s\n' workload files ours squawk ratio
printf '%s\n' "${summary[@]}"
