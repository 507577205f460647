#!/usr/bin/env bash
# Side-by-side speed of the Vae.Fluids Metropolis sampler and the C++ reference (tools/reference/metropolis_ref.cpp),
# same algorithm, same random numbers, same trajectory (N = 30, L = 10, γ = 1, T = 1, δ = 0.2, one chain per thread).
# Then the wall time of the four equilibrated 10 000-configuration data sets (the default scheme: chained, ⌈2 τ_int⌉
# sweeps between samples, τ_int from 4 reference chains of 20 000 + 50 000 sweeps; target ≤ 60 s on 2 cores) with
# their proposals/s beside the C++ figures of the same run, and the slides' 200-sweep data sets for comparison.
#
#   tools/bench/fluids.sh            # full run
#   SWEEPS=50000 ROUNDS=1 SKIP_DATASETS=1 tools/bench/fluids.sh   # quick
#
# Runs alternate C++ and C# ROUNDS times so both see the same machine load; the best of each is compared.
set -euo pipefail
cd "$(dirname "$0")/../.."
SWEEPS=${SWEEPS:-200000}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

echo "== build"
g++ -O3 -march=native -ffp-contract=off -std=c++17 -pthread -o "$OUT/metropolis_ref" tools/reference/metropolis_ref.cpp
g++ -O3 -march=native -ffast-math -std=c++17 -pthread -o "$OUT/metropolis_ref_fastmath" tools/reference/metropolis_ref.cpp
dotnet build src/Vae.Cli -c Release -o "$OUT/cli" -v q -nologo > "$OUT/build.log"
VAE="$OUT/cli/vae"

best() { sed -E 's/.*(best_)?proposals_per_s=([0-9.]+).*/\2/' | sort -g | tail -1; }

for threads in 1 2; do
  : > "$OUT/cpp$threads"; : > "$OUT/cppfast$threads"; : > "$OUT/cs$threads"
  for r in $(seq "$ROUNDS"); do
    "$OUT/metropolis_ref" bench --threads "$threads" --sweeps "$SWEEPS" | tee -a "$OUT/cpp$threads"
    "$OUT/metropolis_ref_fastmath" bench --threads "$threads" --sweeps "$SWEEPS" | sed 's/^cpp/cpp-ffast-math/' | tee -a "$OUT/cppfast$threads"
    "$VAE" fluids bench --threads "$threads" --bench-sweeps "$SWEEPS" --no-tune --delta 0.2 --repeats 1 | tee -a "$OUT/cs$threads"
  done
done

cpp1=$(best < "$OUT/cpp1"); cs1=$(sed -E 's/.*best_proposals_per_s=([0-9]+).*/\1/' "$OUT/cs1" | sort -g | tail -1)
cpp2=$(best < "$OUT/cpp2"); cs2=$(sed -E 's/.*best_proposals_per_s=([0-9]+).*/\1/' "$OUT/cs2" | sort -g | tail -1)
fast1=$(best < "$OUT/cppfast1")
echo
echo "== proposals per second (best of $ROUNDS, $SWEEPS sweeps per chain)"
printf '%-28s %14.0f\n' "C++ -O3, 1 thread" "$cpp1" "C++ -O3 -ffast-math, 1 thr." "$fast1" "C++ -O3, 2 threads" "$cpp2" "C#, 1 thread" "$cs1" "C#, 2 threads" "$cs2"
awk -v a="$cs1" -v b="$cpp1" -v c="$cs2" 'BEGIN { printf "ratio C# 1 thread / C++ 1 thread:  %.2f (target >= 1.0)\nratio C# 2 threads / C++ 1 thread: %.2f (target >= 1.8)\n", a / b, c / b }'

if [ -z "${SKIP_DATASETS:-}" ]; then
  rate() { # production + reference-chain + δ-warm-up proposals per wall second of metadata.json's data sets
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/metadata.json")); wall = float(sys.argv[2]); n = m["particles"]
prod = sum(d["proposals"] for d in m["dataSets"])
ref = sum(d["equilibration"]["referenceChains"] * (d["equilibration"]["referenceBurnInSweeps"] + d["equilibration"]["referenceSweeps"]) * n for d in m["dataSets"])
warm = len(m["dataSets"]) * m["warmupSweeps"] * n
for d in m["dataSets"]:
    e = d["equilibration"]
    print(f"  gamma={d['gamma']}: {e['sweepsBetweenSamples']} sweeps between samples (tau_int {e['integratedTimeSweeps']:.0f}), U/N {e['sampleEnergyPerParticle']:.4f} +- {e['sampleStandardError']:.4f} vs reference {e['referenceEnergyPerParticle']:.4f} +- {e['referenceStandardError']:.4f}, equilibrated={e['equilibrated']}")
print(f"  proposals: production {prod / 1e6:.0f} M + reference chains {ref / 1e6:.0f} M + warm-up {warm / 1e6:.1f} M = {(prod + ref + warm) / 1e6:.0f} M in {wall:.1f} s wall = {(prod + ref + warm) / wall / 1e6:.2f} M proposals/s")
PY
  }
  for scheme in equilibrated slides; do
    echo
    echo "== four data sets, --scheme $scheme: vae fluids sample --gamma 0.1,0.4,0.7,1.0 --count 10000 --particles 30 --threads 2 (target for equilibrated: <= 60 s on 2 cores)"
    start=$(date +%s.%N)
    /usr/bin/time -f "wall %e s, user %U s, sys %S s" "$VAE" fluids sample --gamma 0.1,0.4,0.7,1.0 --count 10000 --particles 30 --scheme "$scheme" --seed 1 --threads 2 --out "$OUT/datasets-$scheme"
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    rate "$OUT/datasets-$scheme" "$wall"
  done
  echo "C++ reference in this run (dilute start, delta = 0.2): 1 thread $cpp1, 2 threads $cpp2 proposals/s"
fi
echo "load: $(uptime)"
