#!/usr/bin/env bash
# Vae.Quantum Schrödinger-clustering speed comparison, both sides in one run (issue 12): 10 000 codes, k = 10, PCA to 3
# components, against a NumPy implementation of the same formulas. Prints a table with the ratio and the load.
# Usage: tools/bench/quantum.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT
uptime
dotnet run -c Release --project bench/Vae.Benchmarks -- \
  --filter '*QuantumClusteringBenchmarks*' --exporters json --artifacts "$artifacts" "$@"
/usr/bin/python3 tools/reference/quantum_clustering_bench_peer.py --bdn-results "$artifacts/results"
uptime
