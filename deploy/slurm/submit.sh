#!/usr/bin/env bash
# Submits a sharded Egress run to Slurm: a job array (one task per shard, at most
# THROTTLE at once) and a merge job that starts when every shard succeeded. Prints the
# job ids and the run folder as shell assignments on standard output:
#   ARRAY_JOB_ID=…  MERGE_JOB_ID=…  RUN_DIR=…
#
#   deploy/slurm/submit.sh [options] SCENARIO.json [egress run options, e.g. --replications 30]
#
# Options:
#   --shards K            shards (array tasks), default 4
#   --throttle N          at most N shards run at once, default K
#   --run-dir DIR         the run folder, default ./egress-run-DATE-TIME; must not exist
#                         or be empty, and must be on a file system every node sees
#   --egress PATH         the egress binary, default `egress` on PATH, else
#                         target/release/egress of this repository
#   --sbatch-option OPT   an extra sbatch option for both jobs, repeatable
#                         (e.g. --sbatch-option=--partition=compute)
#   --merge-option OPT    an extra `egress merge` option, repeatable (e.g. --merge-option=--crossings)
#   --output NAME         the merged file in the run folder, default summary.json
#
# The binary and the scenario are copied into the run folder (bin/egress,
# scenario.json), so every task runs the same program on the same file even if the
# originals change after submission. The shards write RUN_DIR/parts/part-I.jsonl, the
# merge writes RUN_DIR/summary.json, logs go to RUN_DIR/logs/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

fail() {
  echo "submit: $*" >&2
  exit 1
}
usage() { # EXIT_STATUS
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit "$1"
}

shards=4
throttle=
run_dir=
egress=
output=summary.json
sbatch_options=()
merge_options=()
while [ $# -gt 0 ]; do
  case $1 in
  --shards) shards=${2:?--shards needs a number}; shift 2 ;;
  --shards=*) shards=${1#*=}; shift ;;
  --throttle) throttle=${2:?--throttle needs a number}; shift 2 ;;
  --throttle=*) throttle=${1#*=}; shift ;;
  --run-dir) run_dir=${2:?--run-dir needs a folder}; shift 2 ;;
  --run-dir=*) run_dir=${1#*=}; shift ;;
  --egress) egress=${2:?--egress needs a path}; shift 2 ;;
  --egress=*) egress=${1#*=}; shift ;;
  --sbatch-option) sbatch_options+=("${2:?--sbatch-option needs an option}"); shift 2 ;;
  --sbatch-option=*) sbatch_options+=("${1#*=}"); shift ;;
  --merge-option) merge_options+=("${2:?--merge-option needs an option}"); shift 2 ;;
  --merge-option=*) merge_options+=("${1#*=}"); shift ;;
  --output) output=${2:?--output needs a file name}; shift 2 ;;
  --output=*) output=${1#*=}; shift ;;
  -h | --help) usage 0 ;;
  --) shift; break ;;
  -*) fail "unknown option $1 (see --help)" ;;
  *) break ;;
  esac
done
[ $# -ge 1 ] || usage 2
scenario=$1
shift
run_options=("$@")

[[ $shards =~ ^[1-9][0-9]*$ ]] || fail "--shards must be a positive whole number, not '$shards'"
throttle=${throttle:-$shards}
[[ $throttle =~ ^[1-9][0-9]*$ ]] || fail "--throttle must be a positive whole number, not '$throttle'"
[ -f "$scenario" ] || fail "no scenario file $scenario"
if [ -z "$egress" ]; then
  egress=$(command -v egress || true)
  [ -n "$egress" ] || egress="$repo/target/release/egress"
fi
[ -x "$egress" ] || fail "no egress binary at $egress (build it: cargo build --release --locked -p egress-cli, or pass --egress)"
command -v sbatch >/dev/null || fail "sbatch not found: run this on a Slurm login node"

# Check the scenario here, before anything waits in a queue.
"$egress" validate "$scenario" >&2 || fail "$scenario is not a valid scenario (see above)"
replication_option=()
for ((i = 0; i < ${#run_options[@]}; i++)); do
  case ${run_options[i]} in
  --replications) replication_option=(--replications "${run_options[i + 1]:-}") ;;
  --replications=*) replication_option=("${run_options[i]}") ;;
  esac
done
units=$("$egress" units "$scenario" "${replication_option[@]}") || fail "egress units failed"
echo "submit: $units units of $scenario in $shards shards (at most $throttle at once)" >&2

run_dir=${run_dir:-$PWD/egress-run-$(date +%Y%m%d-%H%M%S)}
if [ -e "$run_dir" ] && [ -n "$(ls -A "$run_dir")" ]; then
  fail "$run_dir is not empty: parts of another run there would be refused by the merge"
fi
mkdir -p "$run_dir/bin" "$run_dir/parts" "$run_dir/logs"
run_dir=$(cd "$run_dir" && pwd)
cp "$egress" "$run_dir/bin/egress"
cp "$scenario" "$run_dir/scenario.json"

# --parsable prints "ID" or "ID;CLUSTER".
array_job=$(sbatch --parsable --chdir="$run_dir" --array="0-$((shards - 1))%$throttle" \
  --export=ALL,EGRESS_SHARDS="$shards" "${sbatch_options[@]}" \
  "$here/egress-array.sbatch" "$run_dir" "${run_options[@]}") || fail "sbatch of the array failed"
array_job=${array_job%%;*}
# --kill-on-invalid-dep: when a shard fails, the merge is cancelled instead of pending
# for ever.
if ! merge_job=$(sbatch --parsable --chdir="$run_dir" --dependency="afterok:$array_job" \
  --kill-on-invalid-dep=yes "${sbatch_options[@]}" \
  "$here/egress-merge.sbatch" "$run_dir" "$output" "${merge_options[@]}"); then
  scancel "$array_job" || true
  fail "sbatch of the merge job failed (array job $array_job cancelled)"
fi
merge_job=${merge_job%%;*}

echo "submit: array job $array_job, merge job $merge_job; the summary will be $run_dir/$output" >&2
printf 'ARRAY_JOB_ID=%s\nMERGE_JOB_ID=%s\nRUN_DIR=%q\n' "$array_job" "$merge_job" "$run_dir"
