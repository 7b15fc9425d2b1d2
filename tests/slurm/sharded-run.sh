#!/usr/bin/env bash
# Sharded run on a local Slurm, end to end: starts a private single-node cluster
# (scripts/slurm-local.sh: munge with a key made for this run, own ports, state under
# target/slurm/), submits the national preset as a job array of 4 shards and a dependent
# merge job (deploy/slurm/submit.sh), waits for the merge, and checks that
#   1. the merged summary is byte for byte what one `egress run` of the same file prints;
#   2. `egress merge` refuses the parts with one missing, naming the missing units,
#      refuses a part given twice, naming the duplicated units, and refuses a part of
#      another experiment (another seed), naming the file.
# Stops the daemons it started on any exit. Fails, with the reason, when Slurm cannot
# start (it is never skipped). Asserts no duration: every wait has a deadline only so
# that a stuck cluster fails instead of hanging.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

SHARDS=4
THROTTLE=2
REPLICATIONS=${EGRESS_SLURM_TEST_REPLICATIONS:-4}
DEADLINE=${EGRESS_SLURM_TEST_DEADLINE:-1800} # seconds for the merge job to end

step() { printf '[sharded-run] %s\n' "$*"; }
fail() {
  printf '[sharded-run] FAILED: %s\n' "$*" >&2
  exit 1
}

step "cargo build --release --locked -p egress-cli"
cargo build --release --locked -p egress-cli
EGRESS=$ROOT/target/release/egress

cluster=
stop_cluster() {
  local status=$?
  if [ -n "$cluster" ]; then
    scripts/slurm-local.sh stop "$cluster" || status=1
    # Keep the folder (logs, parts) when something failed.
    if [ $status -eq 0 ]; then rm -rf "$cluster"; else echo "[sharded-run] kept $cluster" >&2; fi
  fi
  exit $status
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

step "starting a local Slurm"
cluster=$(scripts/slurm-local.sh start) || fail "Slurm could not start (reason above)"
export SLURM_CONF=$cluster/slurm.conf
work=$cluster/work
mkdir -p "$work"

"$EGRESS" preset | grep -q '^national ' || fail "egress preset lists no 'national' preset"
"$EGRESS" preset national >"$work/national.json"
units=$("$EGRESS" units "$work/national.json" --replications "$REPLICATIONS")
step "national preset, $REPLICATIONS replications: $units units in $SHARDS shards"
[ "$units" -ge "$SHARDS" ] || fail "only $units units: every shard should have work for this test"

step "one process: egress run"
"$EGRESS" run "$work/national.json" --replications "$REPLICATIONS" >"$work/single.json"

step "submitting the array and the merge job"
submitted=$(timeout 120 deploy/slurm/submit.sh --shards "$SHARDS" --throttle "$THROTTLE" --run-dir "$work/run" \
  --egress "$EGRESS" "$work/national.json" --replications "$REPLICATIONS")
eval "$submitted"
step "array job $ARRAY_JOB_ID, merge job $MERGE_JOB_ID"
# The array Slurm holds: tasks 0..K-1 with the throttle asked for.
tasks=$(timeout 10 squeue -h -t all -r -j "$ARRAY_JOB_ID" -o %K | sort -n | tr '\n' ' ')
[ "$tasks" = "$(seq -s ' ' 0 $((SHARDS - 1))) " ] || fail "the array's tasks are '$tasks', not 0..$((SHARDS - 1))"
timeout 10 scontrol show job "$ARRAY_JOB_ID" | grep -qw "ArrayTaskThrottle=$THROTTLE" ||
  fail "the array job has no throttle of $THROTTLE: $(timeout 10 scontrol show job "$ARRAY_JOB_ID" | grep -o 'ArrayTaskThrottle=[0-9]*' | head -n 1)"

if ! scripts/slurm-local.sh wait "$cluster" "$MERGE_JOB_ID" "$DEADLINE"; then
  for log in "$RUN_DIR"/logs/*; do
    [ -s "$log" ] && { echo "--- ${log#"$ROOT"/}"; tail -n 20 "$log"; }
  done >&2
  fail "the merge job did not complete (Slurm's state above)"
fi

step "comparing the merged summary with the single run"
cmp "$work/single.json" "$RUN_DIR/summary.json" ||
  fail "the merged summary differs from egress run's ($work/single.json vs $RUN_DIR/summary.json)"
for ((i = 0; i < SHARDS; i++)); do
  [ -f "$RUN_DIR/parts/part-$i.jsonl" ] || fail "no part-$i.jsonl"
done

# Units of a part: the "unit" of every record line (line 1 is the header).
units_of() { tail -n +2 "$1" | sed -n 's/^[^}]*"unit": *\([0-9]*\).*/\1/p'; }

# The units a message names: single numbers and half-open ranges A..B, one a line.
units_named() {
  local range
  for range in $(grep -o '[0-9]\+\.\.[0-9]\+' "$1"); do
    seq "${range%%..*}" $((${range##*..} - 1))
  done
  sed 's/[0-9]\+\.\.[0-9]\+//g' "$1" | grep -ow '[0-9]\+' || true
}

expect_refusal() { # WORDS UNITS_FILE -- PARTS...: merge must exit 1, print nothing, say one of
  # WORDS (a grep -E pattern) and name every unit of UNITS_FILE
  local words=$1 expected=$2 status=0 unit
  shift 3
  "$EGRESS" merge "$@" >"$work/refused.out" 2>"$work/refused.err" || status=$?
  local message
  message=$(tr '\n' ' ' <"$work/refused.err")
  [ $status -eq 1 ] || fail "egress merge ($words) exited $status, not 1: $message"
  [ ! -s "$work/refused.out" ] || fail "egress merge ($words) printed a result although it refused"
  grep -qiE "$words" "$work/refused.err" || fail "egress merge's refusal does not say $words: $message"
  units_named "$work/refused.err" | sort -u >"$work/named-units"
  for unit in $(cat "$expected"); do
    grep -qx "$unit" "$work/named-units" ||
      fail "egress merge's refusal ($words) does not name unit $unit: $message"
  done
  step "refused as expected: $message"
}

missing=1
units_of "$RUN_DIR/parts/part-$missing.jsonl" >"$work/missing-units"
[ -s "$work/missing-units" ] || fail "part-$missing.jsonl holds no units"
others=()
for ((i = 0; i < SHARDS; i++)); do
  [ $i -eq $missing ] || others+=("$RUN_DIR/parts/part-$i.jsonl")
done
expect_refusal "missing" "$work/missing-units" -- "${others[@]}"

units_of "$RUN_DIR/parts/part-0.jsonl" >"$work/duplicated-units"
expect_refusal "duplicat|more than once" "$work/duplicated-units" -- "$RUN_DIR"/parts/part-*.jsonl "$RUN_DIR/parts/part-0.jsonl"

# A part of another experiment (the same scenario with another seed) in place of part-1.
"$EGRESS" run "$work/national.json" --replications "$REPLICATIONS" --seed 1 \
  --shard "$missing/$SHARDS" --records "$work/foreign-part.jsonl"
: >"$work/no-units"
expect_refusal "another experiment|foreign" "$work/no-units" -- "${others[@]}" "$work/foreign-part.jsonl"
grep -q "foreign-part.jsonl" "$work/refused.err" || fail "egress merge's refusal does not name the foreign file"

step "passed: $SHARDS shards on Slurm merge to the single run's summary byte for byte"
