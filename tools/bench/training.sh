#!/usr/bin/env bash
# Issue 10, side by side in one run: training on TorchSharp (this tree) against the retired hand-written engine
# (RetiredEngineBenchmarks, committed at 42d15a3 before the engine was deleted) and Debian's PyTorch 1.13; then the
# MLP epoch with one core busy with another process, and the peak memory of a 10-epoch `vae train`.
#
#   tools/bench/training.sh                 # ROUNDS=2: retired, TorchSharp, retired, TorchSharp (same machine load)
#   ROUNDS=1 SKIP_LOADED=1 tools/bench/training.sh
#   SKIP_BENCH=1 tools/bench/training.sh    # only the loaded-core and memory checks
#
# Needs: git, the .NET SDK, /usr/bin/python3 with python3-torch (Debian) for the PyTorch row. Prints a summary table;
# BenchmarkDotNet's full reports stay in $OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
RETIRED=${RETIRED:-42d15a3}
ROUNDS=${ROUNDS:-2}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
echo "== output in $OUT"

if [ "${SKIP_BENCH:-0}" != "1" ]; then
echo "== build: retired engine at $RETIRED and this tree"
rm -rf "$OUT/retired"
git worktree add --detach "$OUT/retired" "$RETIRED" >/dev/null
trap 'git -C "$repo" worktree remove --force "$OUT/retired" 2>/dev/null || true' EXIT
dotnet build "$OUT/retired/bench/Vae.Benchmarks" -c Release -v q -nologo > "$OUT/build-retired.log"
dotnet build bench/Vae.Benchmarks -c Release -v q -nologo > "$OUT/build-new.log"

for r in $(seq "$ROUNDS"); do
  echo "== round $r: retired engine"
  (cd "$OUT/retired" && dotnet run -c Release --no-build --project bench/Vae.Benchmarks -- \
      --filter '*RetiredEngineBenchmarks*' --artifacts "$OUT/retired-$r" > "$OUT/retired-$r.log")
  echo "== round $r: TorchSharp and PyTorch 1.13"
  dotnet run -c Release --no-build --project bench/Vae.Benchmarks -- \
      --filter '*TrainingBenchmarks*' --artifacts "$OUT/new-$r" > "$OUT/new-$r.log"
done

# Mean column (ms) of each benchmark row, best (lowest) over the rounds.
rows() { for f in "$OUT"/$1-*/results/*-report.csv; do
           python3 - "$f" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    mean = row["Mean"].replace(",", "")
    value, unit = mean.split()
    ms = float(value) * {"s": 1000, "ms": 1, "us": 1e-3, "μs": 1e-3}[unit]
    print(f'{row["Method"]}\t{ms:.1f}')
PY
         done | sort -t$'\t' -k1,1 -k2,2g | awk -F'\t' '!seen[$1]++'; }
rows retired > "$OUT/retired.tsv"
rows new > "$OUT/new.tsv"
echo
echo "== best mean per benchmark (ms per invocation; conv rows are 20 steps)"
cat "$OUT/retired.tsv" | sed 's/^/retired   /'
cat "$OUT/new.tsv" | sed 's/^/torchsharp /'
python3 - "$OUT/retired.tsv" "$OUT/new.tsv" <<'PY'
import sys
def load(path):
    rows = dict(l.rstrip("\n").split("\t") for l in open(path))
    def pick(*words):
        hits = [float(v) for k, v in rows.items() if all(w in k for w in words)]
        if len(hits) != 1: sys.exit(f"training.sh: expected one row with {words} in {path}, found {len(hits)}")
        return hits[0]
    return pick
old, new = load(sys.argv[1]), load(sys.argv[2])
mlp_old, conv_old = old("MLP", "epoch"), old("conv", "20 Adam steps")
mlp1, mlp2, torch = new("TorchSharp MLP", "1 thread"), new("TorchSharp MLP", "2 threads"), new("PyTorch")
conv1, conv2 = new("TorchSharp conv", "1 thread"), new("TorchSharp conv", "2 threads")
print(f"MLP epoch: TorchSharp 1 thread {mlp1/1000:.3f} s, 2 threads {mlp2/1000:.3f} s, retired engine {mlp_old/1000:.3f} s, "
      f"PyTorch 1.13 (1 thread) {torch/1000:.3f} s; TorchSharp/retired {mlp1/mlp_old:.2f} (target <= 1)")
print(f"conv step: TorchSharp {conv1/20:.1f} ms (2 threads {conv2/20:.1f} ms), retired {conv_old/20:.1f} ms: "
      f"speed-up {conv_old/conv1:.2f}x (2 threads {conv_old/conv2:.2f}x; target >= 3x)")
PY
fi

dotnet build src/Vae.Cli -c Release -v q -nologo > "$OUT/build-cli.log"
vae="$repo/src/Vae.Cli/bin/Release/net10.0/vae"
epoch_mean() { python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['epochs'][1:]; print(sum(x['seconds'] for x in e)/len(e))" "$1"; }
if [ "${SKIP_LOADED:-0}" != "1" ]; then
  echo
  echo "== MLP epoch (vae train, 4 epochs, mean of epochs 2-4) quiet and with one core busy"
  for threads in 1 2; do
    rm -rf "$OUT/quiet$threads" "$OUT/loaded$threads"
    "$vae" train --epochs 4 --threads "$threads" --out "$OUT/quiet$threads" > /dev/null 2>&1
    ( end=$((SECONDS + 600)); while [ $SECONDS -lt $end ]; do :; done ) & busy=$!
    "$vae" train --epochs 4 --threads "$threads" --out "$OUT/loaded$threads" > /dev/null 2>&1
    kill "$busy" 2>/dev/null || true; wait "$busy" 2>/dev/null || true
    q=$(epoch_mean "$OUT/quiet$threads/metrics.json"); l=$(epoch_mean "$OUT/loaded$threads/metrics.json")
    python3 -c "import sys; q,l=float(sys.argv[1]),float(sys.argv[2]); print(f'threads {sys.argv[3]}: quiet {q:.3f} s, one core busy {l:.3f} s, ratio {l/q:.2f} (target <= 2)')" "$q" "$l" "$threads"
  done
fi

echo
echo "== peak memory of a 10-epoch MNIST vae train (metrics.json peak_resident_mb; target <= 400 MB)"
rm -rf "$OUT/mem"
"$vae" train --epochs 10 --out "$OUT/mem" > /dev/null 2>&1
python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(f\"peak {m['peak_resident_mb']} MB; epoch seconds {[round(e['seconds'],3) for e in m['epochs']]}\")" "$OUT/mem/metrics.json"
