#!/usr/bin/env bash
# Builds the solution once (Release) and runs every example: the F# scripts examples/fsharp/*.fsx with `dotnet fsi`
# and the C# file-based apps examples/csharp/*.cs with `dotnet run`. Stops at the first example that fails (each one
# exits non-zero when its sanity checks fail) and prints each example's name and elapsed seconds.
# Usage: bash tools/ci/run-examples.sh [--no-build]   (from anywhere; the examples run from the repository root)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ "${1:-}" != "--no-build" ]]; then
  start=$SECONDS
  dotnet build Vae.sln -c Release --nologo -v quiet
  echo "run-examples: built Vae.sln (Release) in $((SECONDS - start)) s"
fi

shopt -s nullglob
examples=(examples/fsharp/*.fsx examples/csharp/*.cs)
if (( ${#examples[@]} == 0 )); then
  echo "run-examples: no examples found" >&2
  exit 1
fi

total=$SECONDS
for example in "${examples[@]}"; do
  echo "=== $example"
  start=$SECONDS
  case "$example" in
    *.fsx) command=(dotnet fsi "$example") ;;
    *.cs)  command=(dotnet run -c Release "$example") ;;
  esac
  if ! "${command[@]}"; then
    echo "run-examples: $example FAILED after $((SECONDS - start)) s" >&2
    exit 1
  fi
  echo "=== $example: ok, $((SECONDS - start)) s"
done
echo "run-examples: ${#examples[@]} examples passed in $((SECONDS - total)) s"
