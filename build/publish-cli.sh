#!/usr/bin/env bash
# Publishes supabase-build as one native (Native AOT) executable for this machine, with the bundled parser beside
# it (runtimes/<rid>/native/libpg_query.so): no .NET runtime needed to run it, no JIT at start-up.
#   build/publish-cli.sh [OUTPUT_DIR]     default: artifacts/supabase-build/<rid>/
# Prints the executable's path on stdout (progress on stderr). Needs a C toolchain for the native link: installs
# clang and lld (apt) when neither clang nor gcc is present. The dotnet tool package (pack.sh) stays the portable,
# framework-dependent build; this is the fast one for CI images and the side-by-side benchmark.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "publish-cli: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
case "$(uname -s)" in
  Linux) rid="linux-$arch" ;;
  Darwin) rid="osx-$arch" ;;
  *) echo "publish-cli: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
out="${1:-$root/artifacts/supabase-build/$rid}"

if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  echo "publish-cli: installing clang and lld (the native linker Native AOT drives)" >&2
  sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get install -y -qq clang lld >/dev/null 2>&1 \
    || { sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq clang lld >/dev/null; }
fi

echo "publish-cli: dotnet publish -r $rid (Native AOT) -> $out" >&2
# Its own artifacts folder: a publish for a RID never shares obj/ (and project.assets.json) with plain builds.
dotnet publish "$root/src/Supabase.Build.Cli/Supabase.Build.Cli.csproj" -c Release -r "$rid" -p:SupabaseBuildAot=true \
  --artifacts-path "$root/artifacts/aot-build" -o "$out" -nologo -v:q -nodeReuse:false >&2
rm -f "$out"/*.pdb "$out"/*.dbg
[[ -x "$out/supabase-build" && -f "$out/runtimes/$rid/native/libpg_query.so" ]] \
  || { echo "publish-cli: expected $out/supabase-build and runtimes/$rid/native/libpg_query.so" >&2; exit 1; }
echo "$out/supabase-build"
