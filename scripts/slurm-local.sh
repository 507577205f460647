#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, from Debian 12's slurm-wlm (22.05) and munge. See docs/cluster.md.
#   start   installs slurm-wlm and munge when missing, creates the munge key when missing, writes the project's
#           slurm.conf (never the admin's /etc/slurm/slurm.conf), starts munged, slurmctld and slurmd, and waits
#           until sinfo shows the node idle. Idempotent: daemons already running are left alone.
#   stop    stops only the daemons this script started, by its pid files.
#   status  prints each daemon's state and sinfo.
#   env     prints the line that points Slurm's clients at the project's config: eval "$(bash scripts/slurm-local.sh env)"
# Runs as root, or through sudo when not root. Paths: VAE_SLURM_DIR (default /var/lib/vae-slurm: config, state,
# spool, logs) and VAE_SLURM_RUN (default /run/vae-slurm: pid files).
set -euo pipefail

base="${VAE_SLURM_DIR:-/var/lib/vae-slurm}"
run="${VAE_SLURM_RUN:-/run/vae-slurm}"
conf="$base/slurm.conf"
munged_pid="$run/munge/munged.pid"   # in a munge-owned directory: munged writes it as the munge user
cluster="vae-local"
wait_seconds="${VAE_SLURM_WAIT:-60}"

SCRIPT_NAME=slurm-local.sh
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
die() { printf 'slurm-local.sh: %s\n' "$*" >&2; exit 1; }

# pid of a running daemon named $2 recorded in pid file $1, or nothing.
live_pid() {
  local file="$1" name="$2" pid
  pid="$($SUDO cat "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$name" ]; then echo "$pid"; fi
}

install_packages() {
  local missing=() p
  for p in munge slurm-wlm; do have_pkg "$p" || missing+=("$p"); done
  if [ "${#missing[@]}" -eq 0 ]; then
    say "slurm-wlm $(dpkg-query -W -f='${Version}' slurmctld) and munge $(dpkg-query -W -f='${Version}' munge) already installed"
    return
  fi
  need_root "installing ${missing[*]}"
  # The packages' maintainer scripts would start Debian's own munge/slurm services; this script starts its own
  # daemons instead, so forbid service starts during the install (only when no policy-rc.d is present already).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then
    # Removed on every exit, also when the install fails: a policy left behind would forbid every later service start.
    trap "$SUDO rm -f '$policy'" EXIT
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 0755 "$policy"
    added_policy=1
  fi
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$added_policy" -eq 1 ]; then $SUDO rm -f "$policy"; trap - EXIT; fi
  say "installed ${missing[*]} (slurm-wlm $(dpkg-query -W -f='${Version}' slurmctld), munge $(dpkg-query -W -f='${Version}' munge))"
}

munge_key() {
  local key=/etc/munge/munge.key
  if $SUDO test -s "$key"; then
    say "munge key $key already exists"
  else
    need_root "creating the munge key"
    $SUDO install -d -o munge -g munge -m 0700 /etc/munge
    if command -v mungekey >/dev/null 2>&1; then
      $SUDO mungekey --create --keyfile="$key"
    else
      $SUDO dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
    fi
    say "created munge key $key"
  fi
  $SUDO chown munge:munge "$key"
  $SUDO chmod 0400 "$key"
}

write_conf() {
  local host cpus mem_mb margin real_mem tmp
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem_mb=$(( $(awk '/^MemTotal:/{print $2}' /proc/meminfo) / 1024 ))
  # Leave room for the OS and the daemons: 5% of memory, at least 512 MB. slurmd drains a node whose RealMemory
  # exceeds what it finds, so this must stay below the measured total.
  margin=$(( mem_mb / 20 )); [ "$margin" -ge 512 ] || margin=512
  real_mem=$(( mem_mb - margin ))
  $SUDO install -d -m 0755 "$base" "$base/state" "$base/spool" "$base/log" "$run"
  tmp="$(mktemp)"
  cat >"$tmp" <<CONF
# Written by scripts/slurm-local.sh for a one-node Vae test cluster on ${host}. See docs/cluster.md.
ClusterName=${cluster}
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# A requeued job waits one credential lifetime before it may start again (default 120 s); keep that short.
AuthInfo=cred_expire=10
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
# No cgroups here (containers, no systemd): track processes through /proc, no CPU binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# A node that went DOWN (e.g. slurmd restarted) returns to service when it registers again.
ReturnToService=2
StateSaveLocation=${base}/state
SlurmdSpoolDir=${base}/spool
SlurmctldPidFile=${run}/slurmctld.pid
SlurmdPidFile=${run}/slurmd.pid
SlurmctldLogFile=${base}/log/slurmctld.log
SlurmdLogFile=${base}/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No accounting database: squeue/scontrol report job state; sacct does not work with this config.
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# Quick turnaround for tests: schedule pending jobs every 2 s (default 60 s), e.g. a requeued job once eligible.
SchedulerParameters=batch_sched_delay=0,sched_interval=2
MinJobAge=300
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${real_mem} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
  if $SUDO test -f "$conf" && $SUDO cmp -s "$tmp" "$conf"; then
    say "config $conf unchanged (node ${host}: ${cpus} CPUs, RealMemory=${real_mem} MB)"
  else
    $SUDO install -m 0644 "$tmp" "$conf"
    say "wrote $conf (node ${host}: ${cpus} CPUs, RealMemory=${real_mem} MB)"
  fi
  rm -f "$tmp"
}

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munged() {
  local pid
  pid="$(live_pid "$munged_pid" munged)"
  if [ -n "$pid" ]; then say "munged already running (pid $pid)"; return; fi
  if munge_works; then say "a munged not started by this script is already serving /run/munge; using it"; return; fi
  $SUDO install -d -o munge -g munge -m 0755 /run/munge
  $SUDO install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  $SUDO install -d -o munge -g munge -m 0755 "$run/munge"
  # munged daemonises itself and writes its pid file; it runs as the munge user, as Debian's service does.
  $SUDO runuser -u munge -- munged --pid-file="$munged_pid"
  local i
  for i in $(seq 1 50); do pid="$(live_pid "$munged_pid" munged)"; [ -n "$pid" ] && munge_works && break; sleep 0.1; done
  [ -n "$pid" ] && munge_works || die "munged did not start (see /var/log/munge/munged.log)"
  say "started munged (pid $pid)"
}

start_daemon() {
  local name="$1" pid log="$base/log/$1.log"
  pid="$(live_pid "$run/$name.pid" "$name")"
  if [ -n "$pid" ]; then say "$name already running (pid $pid)"; return; fi
  $SUDO rm -f "$run/$name.pid"
  # Both daemonise and write the pid file named in the config.
  $SUDO "$name" -f "$conf" || die "$name failed to start (see $log)"
  local i
  for i in $(seq 1 100); do pid="$(live_pid "$run/$name.pid" "$name")"; [ -n "$pid" ] && break; sleep 0.1; done
  [ -n "$pid" ] || { $SUDO tail -n 20 "$log" >&2 || true; die "$name did not start (see $log)"; }
  say "started $name (pid $pid)"
}

node_state() { SLURM_CONF="$conf" sinfo -h -N -n "$(hostname -s)" -o '%T' 2>/dev/null | awk 'NR == 1'; }

wait_idle() {
  local deadline=$(( SECONDS + wait_seconds )) state=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    state="$(node_state || true)"
    case "$state" in
      idle|mixed|allocated) say "node $(hostname -s) is $state"; return ;;
    esac
    sleep 1
  done
  $SUDO tail -n 20 "$base/log/slurmctld.log" "$base/log/slurmd.log" >&2 || true
  die "node $(hostname -s) not idle after ${wait_seconds} s (state: '${state:-unknown}')"
}

cmd_start() {
  install_packages
  munge_key
  write_conf
  start_munged
  start_daemon slurmctld
  start_daemon slurmd
  wait_idle
  say "clients: export SLURM_CONF=$conf   (or: eval \"\$(bash scripts/slurm-local.sh env)\")"
}

stop_one() {
  local name="$1" file="${2:-$run/$1.pid}" pid i
  pid="$(live_pid "$file" "$name")"
  if [ -z "$pid" ]; then
    say "$name not running from this script"
    $SUDO rm -f "$file"
    return
  fi
  $SUDO kill -TERM "$pid"
  for i in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  if [ -d "/proc/$pid" ]; then $SUDO kill -KILL "$pid" || true; fi
  $SUDO rm -f "$file"
  say "stopped $name (pid $pid)"
}

cmd_stop() {
  stop_one slurmd
  stop_one slurmctld
  stop_one munged "$munged_pid"
}

cmd_status() {
  local name pid up=1
  for name in munged slurmctld slurmd; do
    if [ "$name" = munged ]; then pid="$(live_pid "$munged_pid" munged)"; else pid="$(live_pid "$run/$name.pid" "$name")"; fi
    if [ -n "$pid" ]; then
      say "$name running (pid $pid)"
    elif [ "$name" = munged ] && command -v munge >/dev/null 2>&1 && munge_works; then
      say "munged running (not started by this script)"
    else
      say "$name not running"; up=0
    fi
  done
  say "config $conf"
  if [ "$up" -eq 1 ] && command -v sinfo >/dev/null 2>&1; then
    SLURM_CONF="$conf" sinfo -N -o '%N %P %T %c %m' || up=0
  fi
  [ "$up" -eq 1 ]
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "export SLURM_CONF=$conf" ;;
  -h|--help) sed -n '2,10p' "$0" ;;
  *) echo "usage: slurm-local.sh start|stop|status|env" >&2; exit 2 ;;
esac
