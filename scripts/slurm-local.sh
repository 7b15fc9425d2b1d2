#!/usr/bin/env bash
# A private, throw-away single-node Slurm cluster on localhost, for the sharded-run test
# and `make bench`. Runs as root without systemd: it starts its own munged (with a key
# made for this cluster and a private socket), slurmctld and slurmd, on free ports, with
# every file in a fresh folder under target/slurm/, and stops only the processes it
# started (by PID, never by name).
#
#   scripts/slurm-local.sh start          prints the cluster folder DIR (log lines on stderr)
#   scripts/slurm-local.sh status DIR     daemons, node and queue
#   scripts/slurm-local.sh wait DIR JOB [SECONDS]   until the job completes; fails with the
#                                         reason when it fails, the node drains or time is up
#   scripts/slurm-local.sh stop DIR       cancels the jobs, then stops the daemons
#
# Client commands need the cluster's configuration: `export SLURM_CONF=DIR/slurm.conf`.
# Authentication is munge with a private key (not auth/none, which would let anyone who
# reaches the port run jobs as root). Every wait has a deadline: a node that drains or a
# daemon that dies fails start with the reason (sinfo -R and the logs), never hangs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$PATH:/usr/sbin:/sbin"

START_DEADLINE=${SLURM_LOCAL_START_DEADLINE:-60} # seconds, for each daemon to come up
STOP_DEADLINE=${SLURM_LOCAL_STOP_DEADLINE:-30}   # seconds, for jobs to go and daemons to exit

log() { printf '[slurm-local] %s\n' "$*" >&2; }
fail() {
  printf '[slurm-local] error: %s\n' "$*" >&2
  exit 1
}

# The PID and its start time (field 22 of /proc/PID/stat), so that stop never signals
# an unrelated process that reused a PID.
process_id() { printf '%s %s\n' "$1" "$(awk '{print $22}' "/proc/$1/stat" 2>/dev/null)"; }
still_ours() { # FILE holding "PID STARTTIME"
  local pid start
  [ -f "$1" ] || return 1
  read -r pid start <"$1" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] &&
    [ "$(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null)" = "$start" ] &&
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]
}
pid_of() { awk '{print $1}' "$1"; }

# Free TCP ports: not bound by anything now (any address, IPv4 or IPv6), chosen at random
# so that two clusters started at the same time do not collide.
used_ports() {
  local hex
  for hex in $(awk 'FNR > 1 { n = split($2, a, ":"); print a[n] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null); do
    echo $((16#$hex))
  done | sort -un
}
free_ports() { # COUNT
  local used port picked=()
  used=" $(used_ports | tr '\n' ' ') "
  while [ ${#picked[@]} -lt "$1" ]; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    case "$used ${picked[*]} " in *" $port "*) continue ;; esac
    picked+=("$port")
  done
  echo "${picked[@]}"
}

# Log tails and node reasons, for a failure message.
diagnose() { # DIR
  local dir=$1 file
  if [ -f "$dir/slurm.conf" ] && still_ours "$dir/slurmctld.pid.ours"; then
    echo "--- sinfo -R (why the node is down or drained)"
    SLURM_CONF="$dir/slurm.conf" timeout 10 sinfo -R 2>&1 || true
    echo "--- sinfo -N -l"
    SLURM_CONF="$dir/slurm.conf" timeout 10 sinfo -N -l 2>&1 || true
  fi
  # The daemons' standard output holds everything they log; PMIx and missing state-file
  # messages are harmless here and left out.
  for file in "$dir"/log/*.out; do
    [ -s "$file" ] || continue
    echo "--- last lines of ${file#"$ROOT"/}"
    grep -v -e 'pmix' -e 'PMIx' -e 'state file' -e 'state save file' "$file" | tail -n 12
  done
}

start_daemon() { # DIR NAME COMMAND...: runs in the background, records PID and start time
  local dir=$1 name=$2
  shift 2
  "$@" </dev/null >"$dir/log/$name.out" 2>&1 &
  process_id $! >"$dir/$name.pid.ours"
}

wait_until() { # DEADLINE_SECONDS DAEMON_PID_FILE COMMAND...: 0 done, 1 time is up,
  # 2 the daemon exited, 3 or more what the check returned for a failure
  local deadline=$((SECONDS + $1)) daemon=$2
  shift 2
  local status
  while :; do
    if "$@"; then return 0; else status=$?; fi
    [ $status -lt 3 ] || return $status # the check saw a failure waiting cannot mend
    still_ours "$daemon" || return 2
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

node_state() { SLURM_CONF="$1/slurm.conf" timeout 10 sinfo -h -N -n localhost -o %T 2>/dev/null | head -n 1; }
node_idle() { # DIR: true when idle; fails start at once when the node drained or is down
  local state
  state=$(node_state "$1")
  case "$state" in
  idle) return 0 ;;
  *drain* | *down* | *inval* | *fail*) return 3 ;;
  *) return 1 ;;
  esac
}

cmd_start() {
  [ "$(id -u)" -eq 0 ] || fail "must run as root (the local cluster runs its daemons and jobs as root)"
  local command
  for command in munged mungekey munge unmunge slurmctld slurmd sbatch sinfo squeue scancel scontrol; do
    command -v "$command" >/dev/null ||
      fail "$command not found: install slurmctld, slurmd, slurm-client and munge (scripts/setup.sh does)"
  done

  mkdir -p "$ROOT/target/slurm"
  local dir
  dir=$(mktemp -d "$ROOT/target/slurm/cluster.XXXXXX")
  # munged refuses a socket in a folder that not everyone can enter (mktemp gives 0700).
  chmod 755 "$dir"
  mkdir -p "$dir/log" "$dir/state" "$dir/spool"
  trap 'status=$?; if [ $status -ne 0 ]; then diagnose "$dir" >&2; cmd_stop "$dir" >&2 || true; fi' EXIT

  # --- munge, with a key made for this cluster and a private socket ---
  mungekey -c -k "$dir/munge.key" || fail "mungekey could not create $dir/munge.key"
  start_daemon "$dir" munged munged -F --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
    --log-file="$dir/log/munged.log" --pid-file="$dir/munged.pid" --seed-file="$dir/munged.seed"
  munge_works() { munge -n -S "$dir/munge.socket" 2>/dev/null | unmunge -S "$dir/munge.socket" >/dev/null 2>&1; }
  wait_until "$START_DEADLINE" "$dir/munged.pid.ours" munge_works ||
    fail "munged did not answer on $dir/munge.socket within $START_DEADLINE s"

  # --- configuration: own ports, this machine's CPUs and memory (never more than slurmd
  # -C reports, or the node drains as INVAL and jobs pend forever) ---
  local hardware cpus memory ctld_port slurmd_port
  hardware=$(slurmd -C 2>/dev/null | head -n 1) || fail "slurmd -C failed"
  cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hardware")
  memory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hardware")
  if [ -z "$cpus" ] || [ -z "$memory" ]; then
    fail "could not read CPUs and RealMemory from slurmd -C: $hardware"
  fi
  read -r ctld_port slurmd_port <<<"$(free_ports 2)"
  cat >"$dir/slurm.conf" <<EOF
# Written by scripts/slurm-local.sh for a throw-away single-node cluster.
ClusterName=egress-local
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups here (proctrack/cgroup fails with "freezer not mounted" and drains the node).
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
# Finished jobs stay visible (squeue -t all, scontrol show job) for five minutes, so a
# waiting script reads their final state; there is no accounting database.
MinJobAge=300
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"

  # --- slurmctld, then slurmd ---
  start_daemon "$dir" slurmctld slurmctld -D -f "$dir/slurm.conf"
  controller_up() { timeout 10 scontrol ping 2>/dev/null | grep -q 'is UP'; }
  local status=0
  wait_until "$START_DEADLINE" "$dir/slurmctld.pid.ours" controller_up || status=$?
  case $status in
  0) ;;
  2) fail "slurmctld exited while starting (port $ctld_port)" ;;
  *) fail "slurmctld did not answer within $START_DEADLINE s (port $ctld_port)" ;;
  esac

  start_daemon "$dir" slurmd slurmd -D -N localhost -f "$dir/slurm.conf"
  status=0
  wait_until "$START_DEADLINE" "$dir/slurmd.pid.ours" node_idle "$dir" || status=$?
  case $status in
  0) ;;
  2) fail "slurmd exited while starting (port $slurmd_port)" ;;
  3) fail "the node is $(node_state "$dir") (reason below)" ;;
  *) fail "the node did not become idle within $START_DEADLINE s (state: $(node_state "$dir"))" ;;
  esac

  trap - EXIT
  log "up: $cpus CPUs, $memory MB, slurmctld port $ctld_port, slurmd port $slurmd_port, folder ${dir#"$ROOT"/}"
  echo "$dir"
}

cluster_dir() { # DIR argument: must be a folder this script made
  [ -n "${1:-}" ] || fail "usage: $0 ${FUNCNAME[1]#cmd_} DIR (the folder printed by start)"
  [ -f "$1/slurm.conf" ] || fail "$1 is not a cluster folder made by $0 start"
  (cd "$1" && pwd)
}

cmd_status() {
  local dir name
  dir=$(cluster_dir "${1:-}")
  for name in munged slurmctld slurmd; do
    if still_ours "$dir/$name.pid.ours"; then
      echo "$name: running (pid $(pid_of "$dir/$name.pid.ours"))"
    else
      echo "$name: not running"
    fi
  done
  if still_ours "$dir/slurmctld.pid.ours"; then
    export SLURM_CONF="$dir/slurm.conf"
    timeout 10 sinfo -N -l || true
    timeout 10 sinfo -R || true
    timeout 10 squeue -t all || true
  fi
}

# Waits for a job to end. COMPLETED: success. Any other end (FAILED, CANCELLED — e.g. a
# merge whose shards failed —, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL), a node that drains or
# goes down, a controller that dies, or the deadline: failure with the job's record, the
# queue, the node's reason and the daemons' logs.
cmd_wait() { # DIR JOB_ID [DEADLINE_SECONDS]
  local dir job=${2:-} deadline=${3:-1800} state="" node unknown=0 end
  dir=$(cluster_dir "${1:-}")
  [[ $job =~ ^[0-9]+$ ]] || fail "usage: $0 wait DIR JOB_ID [DEADLINE_SECONDS]"
  export SLURM_CONF="$dir/slurm.conf"
  end=$((SECONDS + deadline))
  job_failed() {
    {
      echo "--- scontrol show job $job"
      timeout 10 scontrol show job "$job" 2>&1 || true
      echo "--- squeue -t all"
      timeout 10 squeue -t all -o '%.18i %.9P %.14j %.12T %.10M %R' 2>&1 || true
      diagnose "$dir"
    } >&2
    fail "$1"
  }
  while :; do
    still_ours "$dir/slurmctld.pid.ours" || job_failed "slurmctld is not running"
    state=$(timeout 10 squeue -h -t all -j "$job" -o '%T %r' 2>/dev/null | head -n 1 || true)
    case $state in
    COMPLETED*) return 0 ;;
    PENDING*DependencyNeverSatisfied*) job_failed "job $job can never start: a job it depends on failed" ;;
    PENDING* | CONFIGURING* | RUNNING* | COMPLETING* | SUSPENDED* | REQUEUED* | RESIZING*) unknown=0 ;;
    "")
      unknown=$((unknown + 1))
      [ $unknown -lt 20 ] || job_failed "job $job is unknown to slurmctld"
      ;;
    *) job_failed "job $job ended ${state%% *}" ;;
    esac
    node=$(node_state "$dir")
    case $node in *drain* | *down* | *inval* | *fail*) job_failed "the node is $node while job $job is ${state%% *}" ;; esac
    [ $SECONDS -lt $end ] || job_failed "job $job is still ${state%% *} after $deadline s"
    sleep 0.5
  done
}

stop_daemon() { # DIR NAME
  local file="$1/$2.pid.ours" pid deadline
  still_ours "$file" || return 0
  pid=$(pid_of "$file")
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_DEADLINE))
  while still_ours "$file" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  if still_ours "$file"; then
    log "$2 (pid $pid) did not exit within $STOP_DEADLINE s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  # Reap it when it is our own child (stop called from start's failure path).
  wait "$pid" 2>/dev/null || true
}

cmd_stop() {
  local dir
  dir=$(cluster_dir "${1:-}")
  export SLURM_CONF="$dir/slurm.conf"
  # Jobs first: their processes would outlive a stopped slurmd.
  if still_ours "$dir/slurmctld.pid.ours" && still_ours "$dir/slurmd.pid.ours"; then
    local jobs deadline
    jobs=$(timeout 10 squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "${jobs// /}" ]; then
      log "cancelling jobs $jobs"
      # shellcheck disable=SC2086
      timeout 10 scancel $jobs 2>/dev/null || true
      deadline=$((SECONDS + STOP_DEADLINE))
      while [ -n "$(timeout 10 squeue -h -o %A 2>/dev/null)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
      [ -z "$(timeout 10 squeue -h -o %A 2>/dev/null)" ] ||
        log "jobs still listed after $STOP_DEADLINE s: $(timeout 10 squeue -h -o '%A %T' | tr '\n' ' ')"
    fi
  fi
  stop_daemon "$dir" slurmd
  stop_daemon "$dir" slurmctld
  stop_daemon "$dir" munged
  log "stopped munged, slurmctld and slurmd of ${dir#"$ROOT"/}"
}

case "${1:-}" in
start) cmd_start ;;
status) cmd_status "${2:-}" ;;
stop) cmd_stop "${2:-}" ;;
wait) cmd_wait "${2:-}" "${3:-}" "${4:-}" ;;
*)
  echo "usage: $0 start | status DIR | wait DIR JOB_ID [DEADLINE_SECONDS] | stop DIR" >&2
  exit 2
  ;;
esac
