#!/usr/bin/env bash
# Speed figures of a sharded run on a local Slurm (printed, never asserted): the national
# preset submitted with deploy/slurm/submit.sh in 1, 2 and 4 shards to a private
# single-node cluster (scripts/slurm-local.sh), wall time from submission to the merged
# summary, against one `egress run` process. Every merged summary is also compared
# with the single run's. Called by `make bench`; needs root, like the test.
#   EGRESS_BENCH_SLURM_REPLICATIONS   replications (default: the preset's own)
#   EGRESS_BENCH_SLURM_SHARDS         shard counts (default: "1 2 4")
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARD_COUNTS=${EGRESS_BENCH_SLURM_SHARDS:-1 2 4}
DEADLINE=3600 # seconds per sharded run: a stuck cluster fails instead of hanging

cargo build --release --locked -p egress-cli
EGRESS=$ROOT/target/release/egress

cluster=
stop_cluster() {
  local status=$?
  if [ -n "$cluster" ]; then
    scripts/slurm-local.sh stop "$cluster" 2>/dev/null || status=1
    if [ $status -eq 0 ]; then rm -rf "$cluster"; else echo "bench-slurm: kept $cluster" >&2; fi
  fi
  exit $status
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM
cluster=$(scripts/slurm-local.sh start 2>"$ROOT/target/bench-slurm-start.log") || {
  cat "$ROOT/target/bench-slurm-start.log" >&2
  echo "bench-slurm: Slurm could not start (reason above)" >&2
  exit 1
}
export SLURM_CONF=$cluster/slurm.conf
work=$cluster/work
mkdir -p "$work"

"$EGRESS" preset national >"$work/national.json"
options=()
[ -z "${EGRESS_BENCH_SLURM_REPLICATIONS:-}" ] || options=(--replications "$EGRESS_BENCH_SLURM_REPLICATIONS")
units=$("$EGRESS" units "$work/national.json" "${options[@]}")
cpus=$(sinfo -h -N -o %c | head -n 1)

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

t0=$(now)
"$EGRESS" run "$work/national.json" "${options[@]}" >"$work/single.json"
single=$(seconds "$t0" "$(now)")

echo "Sharded national run on a local single-node Slurm ($cpus CPUs, $units units; wall time from submission to the merged summary)"
echo "   one egress run process: $single s"
for shards in $SHARD_COUNTS; do
  t0=$(now)
  submitted=$(timeout 120 deploy/slurm/submit.sh --shards "$shards" --run-dir "$work/run-$shards" --egress "$EGRESS" \
    "$work/national.json" "${options[@]}" 2>/dev/null)
  eval "$submitted"
  scripts/slurm-local.sh wait "$cluster" "$MERGE_JOB_ID" "$DEADLINE"
  wall=$(seconds "$t0" "$(now)")
  if cmp -s "$work/single.json" "$RUN_DIR/summary.json"; then same="identical to one process"; else same="DIFFERS from one process"; fi
  echo "   $shards shard(s): $wall s (x$(awk -v a="$single" -v b="$wall" 'BEGIN { printf "%.2f", a / b }') against one process; summary $same)"
done
