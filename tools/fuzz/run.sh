#!/usr/bin/env bash
# Coverage-guided fuzzing of Vae's file readers (docs/fuzzing.md): SharpFuzz 2.3.0 instruments the reader namespaces of
# Vae.Core.dll and Vae.Fluids.dll, AFL++ (Debian's afl++) fuzzes each target from its seed corpus for a bounded time.
#
#   tools/fuzz/run.sh [SECONDS] [TARGET...]     SECONDS per target (default 60); targets idx npy safetensors metadata sweep
#
# Installs what it needs (afl++ through apt, as root or via sudo; the sharpfuzz dotnet tool from tools/fuzz's manifest),
# works in $VAE_FUZZ_WORK (default /tmp/vae-fuzz; findings stay there), prints executions, paths (AFL's corpus_count)
# and findings per target from fuzzer_stats, and exits 1 when any target found a crash, or a hang that still exceeds
# 10 s when replayed outside AFL. Replay a finding: dotnet $VAE_FUZZ_WORK/replay/Vae.Fuzz.dll TARGET --replay FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
all=(idx npy safetensors metadata sweep)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
case "$seconds" in ''|*[!0-9]*) echo "run.sh: SECONDS must be a positive integer, got '$seconds'" >&2; exit 2 ;; esac
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "run.sh: unknown target '$t' (targets: ${all[*]})" >&2; exit 2; }
done
work="${VAE_FUZZ_WORK:-/tmp/vae-fuzz}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools ---
if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "run.sh: installing afl++ (Debian package)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
(cd tools/fuzz && dotnet tool restore >/dev/null)

# --- build and instrument (a private copy: the solution's own build output is never instrumented) ---
start=$(date +%s)
rm -rf "$work/bin" "$work/replay"
dotnet build tools/fuzz/Vae.Fuzz -c Release -o "$work/bin" -p:VaeLibStdCxxCompatibility=false -nologo -v q >/dev/null
# Instrumented code writes to AFL's shared coverage map, which exists only under afl-fuzz: replays use a plain copy.
cp -r "$work/bin" "$work/replay"
(cd tools/fuzz && dotnet sharpfuzz "$work/bin/Vae.Core.dll" Vae.Core.IO Vae.Core.Data Vae.Core.Sweeps Vae.Core.Models.VaeArchitecture Vae.Core.Models.ConvolutionSpec >/dev/null)
(cd tools/fuzz && dotnet sharpfuzz "$work/bin/Vae.Fluids.dll" Vae.Fluids.Data >/dev/null)
echo "run.sh: built and instrumented in $(( $(date +%s) - start )) s"

# --- fuzz ---
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000
failed=0
printf '%-12s %8s %10s %8s %8s %7s %6s\n' target seconds executions exec/s paths crashes hangs
for t in "${targets[@]}"; do
  out="$work/findings/$t"
  rm -rf "$out"; mkdir -p "$work/findings"
  dict=()
  case "$t" in safetensors|metadata|sweep) dict=(-x tools/fuzz/dict/json.dict) ;; esac
  # -t: per-input limit in ms (a .NET process under a shared 2-core load is slow to answer); -m none: the CLR reserves
  # far more virtual memory than it uses, so AFL's address-space limit would kill it at start.
  afl-fuzz -i "tools/fuzz/corpus/$t" -o "$out" -V "$seconds" -t 5000 -m none "${dict[@]}" \
    -- dotnet "$work/bin/Vae.Fuzz.dll" "$t" >"$work/$t.log" 2>&1 || { echo "run.sh: afl-fuzz failed for $t (log: $work/$t.log)" >&2; tail -20 "$work/$t.log" >&2; failed=1; continue; }
  stats="$out/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  printf '%-12s %8s %10s %8s %8s %7s %6s\n' "$t" "$(stat run_time)" "$(stat execs_done)" "$(stat execs_per_sec)" \
    "$(stat corpus_count)" "$(stat saved_crashes)" "$(stat saved_hangs)"
  for crash in "$out"/default/crashes/id:*; do
    [ -e "$crash" ] || continue
    echo "run.sh: CRASH in $t: $crash" >&2
    dotnet "$work/replay/Vae.Fuzz.dll" "$t" --replay "$crash" >&2 || true
    failed=1
  done
  for hang in "$out"/default/hangs/id:*; do
    [ -e "$hang" ] || continue
    if timeout 10 dotnet "$work/replay/Vae.Fuzz.dll" "$t" --replay "$hang" >/dev/null 2>&1; then
      echo "run.sh: $t: AFL hang $hang finishes within 10 s outside AFL (load, not a loop)"
    else
      echo "run.sh: HANG or failure in $t: $hang" >&2
      failed=1
    fi
  done
done
exit "$failed"
