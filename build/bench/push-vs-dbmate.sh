#!/usr/bin/env bash
# Whole-process push time, side by side in one run: supabase-build push (this repository's CLI: the native executable
# build/publish-cli.sh makes, and the framework-dependent dotnet tool, Release build) against dbmate (npm dbmate, the migration runner a user would otherwise pick) and against one psql session that
# applies every file in order (the floor: no history, no transactions, no lint).
#
#   bash build/bench/push-vs-dbmate.sh
#
# Workloads: 200 and 1000 generated migration files (<version>_<name>.sql), each a small schema change of three
# statements (create table, create index on it, comment), so what is measured is the per-file cost of a runner:
# process start, connection, history bookkeeping, round trips. The same files for all three tools (each starts with
# dbmate's `-- migrate:up` marker and ends with its empty `-- migrate:down`, comments for the others).
#
# Every timed run starts on a fresh, empty database (hyperfine --prepare drops and recreates it, untimed):
#   supabase-build   push DIR --db-url URL            lint of every file, advisory lock, supabase_migrations history,
#                                                     one transaction (one round trip) per file
#   supabase-build   the same, as the framework-dependent dotnet tool (dotnet supabase-build.dll: runtime start-up
#                    and JIT included)
#   dbmate           --no-dump-schema migrate         one transaction per file, its schema_migrations table
#   psql             -X -q -v ON_ERROR_STOP=1 -f F1 -f F2 ...   one session, statement by statement, autocommit
#
# Round trips: per file, supabase-build sends one (BEGIN, the statements, the history row and COMMIT in one batch),
# psql one per statement, dbmate about eight (BEGIN, the body, two queries of its own in two round trips each, its
# history row, COMMIT). On a loopback connection they cost little; BENCH_RTT_MS=2 puts a small TCP proxy that delays
# each direction by half of it between every tool and the server, as a database across a network would.
#
# Knobs: BENCH_RUNS (default 5), BENCH_WARMUP (default 1), BENCH_SIZES (default "200 1000"), BENCH_RTT_MS (default 0).
# The server: a throwaway PostgreSQL 15 cluster of its own from build/pg-start.sh, stopped at the end. The runs are
# interleaved (each round runs every command once, in a rotating order; hyperfine times each), so a machine whose load
# changes during the run slows all of them alike. Prints each command's median, min and max, then the ratios.
# Installs hyperfine (apt) and dbmate (npm, into build/bench/node_modules) when missing. Timings are ratios to read,
# never assertions.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$root/build/bench"
runs="${BENCH_RUNS:-5}"
warmup="${BENCH_WARMUP:-1}"
read -r -a sizes <<<"${BENCH_SIZES:-200 1000}"

log() { echo "push-vs-dbmate: $*" >&2; }
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- tools -------------------------------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null 2>&1; then
  log "installing hyperfine (apt)"
  sudo_if_needed apt-get install -y -qq hyperfine >/dev/null 2>&1 \
    || { sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq hyperfine >/dev/null; }
fi

dbmate="$bench/node_modules/.bin/dbmate"
if [[ ! -x "$dbmate" ]]; then
  log "installing dbmate (npm, into build/bench/node_modules)"
  npm install --prefix "$bench" --no-audit --no-fund --loglevel=error >/dev/null
fi

log "publishing supabase-build (Native AOT, build/publish-cli.sh)"
native="$(bash "$root/build/publish-cli.sh")"
log "building supabase-build (Release)"
dotnet build "$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj" -c Release -nologo -v quiet -nodeReuse:false >/dev/null
cli="$root/src/Supabase.Build.Cli/bin/Release/net8.0/supabase-build.dll"
[[ -f "$cli" ]] || { log "expected $cli after the build"; exit 1; }

# --- server ------------------------------------------------------------------------------------------------
# A throwaway PostgreSQL 15 cluster of this run's own (its state in the work dir), stopped at the end.
work="$(mktemp -d)"
export PG_STATE_DIR="$work/pg"
cleanup() {
  bash "$root/build/pg-stop.sh" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
bash "$root/build/pg-start.sh" >/dev/null
# shellcheck disable=SC1091
source "$PG_STATE_DIR/state"
psql_bin="${PG_BINDIR:-/usr/lib/postgresql/15/bin}/psql"
admin_url="$SUPABASE_DB_URL"
bench_db="supabase_build_push_bench"
url="${admin_url%/*}/$bench_db"
rtt="${BENCH_RTT_MS:-0}"
if [[ "$rtt" != 0 ]]; then
  # Every byte each way waits rtt/2 ms, in order: what a network between the tools and the server adds.
  cat >"$work/latency-proxy.py" <<'PY'
import asyncio, sys

listen_port, target_port, one_way = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 2000

async def pipe(reader, writer):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(send())
    while True:
        data = await reader.read(65536)
        await queue.put((loop.time() + one_way, data))
        if not data:
            break
    await sender

async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer), return_exceptions=True)

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
PY
  proxy_port=$((PG_PORT + 1))
  python3 "$work/latency-proxy.py" "$proxy_port" "$PG_PORT" "$rtt" >"$work/proxy.log" 2>&1 &
  proxy_pid=$!
  trap 'kill "$proxy_pid" 2>/dev/null || true; cleanup' EXIT
  for _ in $(seq 1 50); do grep -q ready "$work/proxy.log" 2>/dev/null && break; sleep 0.1; done
  url="${admin_url%:*}:$proxy_port/$bench_db"
fi

# A fresh, empty database before every timed run (hyperfine --prepare; not timed).
cat >"$work/fresh-db.sh" <<EOF
#!/usr/bin/env bash
PGOPTIONS="-c client_min_messages=warning" exec "$psql_bin" -X -q "$admin_url" -c "drop database if exists $bench_db with (force)" -c "create database $bench_db"
EOF
cat >"$work/ours.sh" <<EOF
#!/usr/bin/env bash
exec "$native" push "\$1" --db-url "$url" "\${@:2}"
EOF
cat >"$work/ours-dll.sh" <<EOF
#!/usr/bin/env bash
exec dotnet "$cli" push "\$1" --db-url "$url" "\${@:2}"
EOF
cat >"$work/dbmate.sh" <<EOF
#!/usr/bin/env bash
exec "$dbmate" --url "$url?sslmode=disable" --migrations-dir "\$1" --no-dump-schema migrate
EOF
cat >"$work/psql.sh" <<EOF
#!/usr/bin/env bash
args=()
for f in "\$1"/*.sql; do args+=(-f "\$f"); done
exec "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$url" "\${args[@]}"
EOF
chmod +x "$work"/*.sh

generate() { # dir count
  mkdir -p "$1"
  local i
  for ((i = 1; i <= $2; i++)); do
    printf -- '-- migrate:up\ncreate table if not exists public.t_%05d (id bigint primary key, name text not null, created_at timestamptz not null default now());\ncreate index if not exists t_%05d_name_idx on public.t_%05d (name);\ncomment on table public.t_%05d is '"'"'generated table %d'"'"';\n-- migrate:down\n' \
      "$i" "$i" "$i" "$i" "$i" >"$1/$(date -u -d "@$((1704067200 + i * 60))" +%Y%m%d%H%M%S)_create_t_$(printf %05d "$i").sql"
  done
}

# Each tool, once, outside the timing: it must apply every file (a tool that fails would time nothing).
check() { # name count command...
  local name=$1 count=$2
  shift 2
  "$work/fresh-db.sh" >/dev/null
  "$@" >"$work/check.log" 2>&1 || { cat "$work/check.log" >&2; log "$name failed on $count files"; exit 1; }
  local tables
  tables=$("$psql_bin" -X -qtA "$url" -c "select count(*) from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname like 't\_%'")
  [[ "$tables" == "$count" ]] || { log "$name created $tables of $count tables"; exit 1; }
}

echo "supabase-build $(dotnet "$cli" --version), $("$dbmate" --version), $("$psql_bin" --version), $(hyperfine --version), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }'), $(nproc) cores"
echo "server: PostgreSQL $("$psql_bin" -X -qtA "$admin_url" -c 'show server_version') on 127.0.0.1:$PG_PORT (throwaway cluster: fsync off)$([[ "$rtt" != 0 ]] && echo ", reached through a proxy adding $rtt ms of round-trip time")"
echo

declare -a summary
for count in "${sizes[@]}"; do
  dir="$work/migrations-$count"
  generate "$dir" "$count"
  log "$count files: checking that every tool applies all of them"
  check "supabase-build" "$count" "$work/ours.sh" "$dir"
  check "supabase-build (dll)" "$count" "$work/ours-dll.sh" "$dir"
  check "dbmate" "$count" "$work/dbmate.sh" "$dir"
  check "psql" "$count" "$work/psql.sh" "$dir"

  echo "== $count migrations ($(cat "$dir"/*.sql | wc -c) bytes, 3 statements each)"
  # Interleaved: each round runs every command once (the first round's order rotated each time), so a change in the
  # machine's load during the run hits all of them alike. Medians are over the rounds.
  names=("supabase-build push" "supabase-build push (dotnet tool)" "dbmate migrate" "psql, one session")
  commands=("$work/ours.sh $dir" "$work/ours-dll.sh $dir" "$work/dbmate.sh $dir" "$work/psql.sh $dir")
  for ((round = 0; round < warmup + runs; round++)); do
    args=()
    for ((k = 0; k < 4; k++)); do
      c=$(((k + round) % 4))
      args+=(--command-name "${names[$c]}" "${commands[$c]}")
    done
    json="$work/$count.round$round.json"
    ((round < warmup)) && json="$work/$count.warmup$round.json"
    hyperfine -N -i --style none --runs 1 --prepare "$work/fresh-db.sh" --export-json "$json" "${args[@]}" >/dev/null
  done

  node -e '
    const fs = require("fs"), path = require("path");
    const [dir, count, runs] = process.argv.slice(1);
    const names = ["supabase-build push", "supabase-build push (dotnet tool)", "dbmate migrate", "psql, one session"];
    const times = Object.fromEntries(names.map(n => [n, []]));
    for (let r = 0; r < 100; r++) {
      const f = path.join(dir, `${count}.round${r}.json`);
      if (!fs.existsSync(f)) continue;
      for (const x of JSON.parse(fs.readFileSync(f)).results) times[x.command].push(x.times[0]);
    }
    const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
    for (const n of names) {
      const t = times[n];
      console.log(`   ${(n + " (" + count + ")").padEnd(40)} median ${(median(t) * 1000).toFixed(0).padStart(6)} ms`
        + `   min ${(Math.min(...t) * 1000).toFixed(0).padStart(6)}   max ${(Math.max(...t) * 1000).toFixed(0).padStart(6)}   (${t.length} runs)`);
    }
    const [ours, oursDll, dbmate, psql] = names.map(n => median(times[n]));
    const ms = x => (x * 1000).toFixed(0).padStart(8) + " ms";
    const ratio = x => x.toFixed(2).padStart(12) + "x";
    fs.writeFileSync(path.join(dir, `${count}.summary`), count.padStart(6) + ms(ours) + ms(oursDll) + ms(dbmate) + ms(psql)
      + ratio(ours / dbmate) + ratio(ours / psql) + ratio(oursDll / dbmate) + ratio(oursDll / psql));
  ' "$work" "$count" "$runs"
  summary+=("$(cat "$work/$count.summary")")
  echo
done

echo "medians (hyperfine, $runs interleaved rounds after $warmup warm-up round(s), fresh database per run$([[ "$rtt" != 0 ]] && echo ", $rtt ms round-trip time"))"
printf '%6s%11s%11s%11s%11s%13s%13s%13s%13s\n' files native tool dbmate psql native/dbmate native/psql tool/dbmate tool/psql
printf '%s\n' "${summary[@]}"
echo "(native: the executable of build/publish-cli.sh; tool: dotnet supabase-build.dll. Below 1.00x: supabase-build push is faster)"
