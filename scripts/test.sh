#!/usr/bin/env bash
# Runs every check of the project, in order, stopping at the first failing stage, and
# ends with one line: "EGRESS TEST SUMMARY: ...". Called by `make test` after
# scripts/setup.sh has installed the tools.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export XDG_CACHE_HOME="$PWD/target/xdg-cache"
export XDG_CONFIG_HOME="$PWD/target/xdg-config"
export TRUNK_SKIP_VERSION_CHECK=true
# CI builds each target once: incremental caches only cost disk (gigabytes) there.
export CARGO_INCREMENTAL=0

WASM=wasm32-unknown-unknown

# What runs on wasm32:
# - the app (egress): every target — lib, bins, and its browser tests in tests/;
# - the model (egress-core): its library, plus its browser tests, which are the files
#   core/tests/wasm_*.rs (its other tests use native-only dev-dependencies such as
#   proptest, so they are not built for wasm32);
# - not egress-cli, a native tool.
CORE_WASM_TESTS=()
for file in core/tests/wasm_*.rs; do
  [ -e "$file" ] && CORE_WASM_TESTS+=(--test "$(basename "$file" .rs)")
done

# wasm-bindgen-test-runner drives /usr/bin/chromium through chromedriver; it adds
# headless and --no-sandbox itself, webdriver.json (absolute path, so it applies in
# every package's directory) adds the other flags.
wasm_test_env=(
  CHROMEDRIVER=/usr/bin/chromedriver
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/webdriver.json"
  WASM_BINDGEN_TEST_TIMEOUT=180
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
)

run() {
  printf '    $ %s\n' "$*"
  "$@"
}

stage_fmt() {
  run cargo fmt --all -- --check
}
stage_clippy_native() {
  run cargo clippy --workspace --all-targets --locked -- -D warnings
}
stage_clippy_wasm() {
  run cargo clippy -p egress --all-targets --locked --target "$WASM" -- -D warnings &&
    run cargo clippy -p egress-core --lib "${CORE_WASM_TESTS[@]}" --locked --target "$WASM" -- -D warnings
}
stage_test_native() {
  run cargo test --workspace --locked
}
stage_test_wasm() {
  # --tests: unit and integration tests, not doctests.
  run env "${wasm_test_env[@]}" cargo test -p egress --tests --locked --target "$WASM" || return 1
  if [ ${#CORE_WASM_TESTS[@]} -gt 0 ]; then
    run env "${wasm_test_env[@]}" cargo test -p egress-core "${CORE_WASM_TESTS[@]}" --locked --target "$WASM"
  fi
}
stage_slurm() {
  # A private single-node Slurm (scripts/slurm-local.sh), the national preset in 4 shards
  # (deploy/slurm), merged and compared byte for byte with one process.
  run tests/slurm/sharded-run.sh
}
stage_release_build() {
  run trunk build --release --offline --locked
}
stage_e2e() {
  run node --test tests/e2e/*.test.mjs
}

stages=(
  "rustfmt|stage_fmt"
  "clippy (native)|stage_clippy_native"
  "clippy (wasm32)|stage_clippy_wasm"
  "cargo test (native)|stage_test_native"
  "sharded run on a local Slurm|stage_slurm"
  "cargo test (wasm32, headless Chromium)|stage_test_wasm"
  "release build (trunk)|stage_release_build"
  "end-to-end (playwright-core, headless Chromium)|stage_e2e"
)

# Disk is a resource CI can run out of (it did, mid-build): say what there was and
# what the build took, for the log reader, never as a pass/fail condition.
disk_report() {
  printf '    disk: %s free on %s; target/ holds %s\n' \
    "$(df -h --output=avail . | tail -1 | tr -d ' ')" "$(df --output=target . | tail -1)" \
    "$(du -sh target 2>/dev/null | cut -f1 || echo nothing)"
}

total=${#stages[@]}
start=$SECONDS
n=0
for entry in "${stages[@]}"; do
  n=$((n + 1))
  name=${entry%%|*}
  fn=${entry#*|}
  printf '\n==> [%d/%d] %s\n' "$n" "$total" "$name"
  t0=$SECONDS
  if ! "$fn"; then
    printf '\n<== [%d/%d] %s FAILED after %d s\n' "$n" "$total" "$name" $((SECONDS - t0))
    disk_report
    echo "EGRESS TEST SUMMARY: FAILED at stage $n/$total ($name) after $((SECONDS - start)) s"
    exit 1
  fi
  printf '<== [%d/%d] %s passed in %d s\n' "$n" "$total" "$name" $((SECONDS - t0))
  disk_report
done
echo
echo "EGRESS TEST SUMMARY: all $total stages passed in $((SECONDS - start)) s"
