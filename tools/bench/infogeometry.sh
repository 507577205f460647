#!/usr/bin/env bash
# Vae.InfoGeometry speed comparison, both sides in one run (issue 4):
#   diagonal Fisher-Rao distance (100 000 pairs, k = 30) vs NumPy, and the exact full-covariance distance in
#   dimension 5 vs scipy.integrate.solve_bvp. Prints a table with the ratios.
# Usage: tools/bench/infogeometry.sh [extra BenchmarkDotNet arguments, default: --job short]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
job_args=("$@")
if [ ${#job_args[@]} -eq 0 ]; then job_args=(--job short); fi
dotnet run -c Release --project bench/Vae.Benchmarks -- \
  --filter '*InfoGeometry*' --exporters json --artifacts "$artifacts" "${job_args[@]}"
/usr/bin/python3 tools/reference/infogeometry_bench_peer.py --bdn-results "$artifacts/results"
