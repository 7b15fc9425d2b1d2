#!/usr/bin/env bash
# Runs every check of the project, in order, stopping at the first failure, and ends
# with one line: "EGRESS TEST SUMMARY: ...". Called by `make test` after scripts/setup.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export XDG_CACHE_HOME="$PWD/target/xdg-cache"
export XDG_CONFIG_HOME="$PWD/target/xdg-config"
export TRUNK_SKIP_VERSION_CHECK=true

# Which packages are checked for wasm32. The app (every target: lib, bins, browser
# tests) always; egress-core's library (the model must build for the browser). To run
# egress-core's own wasm-bindgen tests too, add it to WASM_TEST_PACKAGES once its test
# targets build for wasm32 (its dev-dependency proptest pulls getrandom, which needs
# the "wasm_js" feature there, or make proptest a native-only dev-dependency).
# egress-cli is a native tool and is not built for wasm32.
WASM_ALL_TARGETS_PACKAGES="-p egress"
WASM_LIB_PACKAGES="-p egress-core"
WASM_TEST_PACKAGES="-p egress"

stage_names=()
stage_cmds=()
stage() { stage_names+=("$1"); stage_cmds+=("$2"); }

stage "rustfmt" \
  "cargo fmt --all -- --check"
stage "clippy (native)" \
  "cargo clippy --workspace --all-targets --locked -- -D warnings"
stage "clippy (wasm32)" \
  "cargo clippy $WASM_ALL_TARGETS_PACKAGES --all-targets --locked --target wasm32-unknown-unknown -- -D warnings \
   && cargo clippy $WASM_LIB_PACKAGES --lib --locked --target wasm32-unknown-unknown -- -D warnings"
stage "cargo test (native)" \
  "cargo test --workspace --locked"
# wasm-bindgen tests in headless Chromium (tests gated on wasm32). --tests: unit and
# integration tests, not doctests. webdriver.json (absolute path, so it applies to
# every package's working directory) adds Chromium flags; the runner adds headless
# and --no-sandbox itself.
stage "cargo test (wasm32, headless Chromium)" \
  "env CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/webdriver.json WASM_BINDGEN_TEST_TIMEOUT=180 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test $WASM_TEST_PACKAGES --locked --target wasm32-unknown-unknown --tests"
stage "release build (trunk)" \
  "trunk build --release --offline --locked"
stage "end-to-end (playwright-core, headless Chromium)" \
  "node --test tests/e2e/*.test.mjs"

total=${#stage_names[@]}
start=$SECONDS
for i in "${!stage_names[@]}"; do
  n=$((i + 1))
  name=${stage_names[$i]}
  printf '\n==> [%d/%d] %s\n    $ %s\n' "$n" "$total" "$name" "${stage_cmds[$i]}"
  t0=$SECONDS
  if ! bash -c "${stage_cmds[$i]}"; then
    printf '\n<== [%d/%d] %s FAILED after %d s\n' "$n" "$total" "$name" $((SECONDS - t0))
    echo "EGRESS TEST SUMMARY: FAILED at stage $n/$total ($name) after $((SECONDS - start)) s"
    exit 1
  fi
  printf '<== [%d/%d] %s passed in %d s\n' "$n" "$total" "$name" $((SECONDS - t0))
done
echo
echo "EGRESS TEST SUMMARY: all $total stages passed in $((SECONDS - start)) s"
