#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): set-up, formatting, lints (native and wasm32), unit and
# integration tests, the release site build, then the browser tests and the size budget against dist/.
# Any failing step fails the run; a summary of every step closes the output.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UPTREND_ROOT"

results=()
failed=0

# run NAME COMMAND...: runs one step, times it and records the outcome.
run() {
  local name="$1"
  shift
  echo
  echo "==> $name: $*"
  local started=$SECONDS
  if "$@"; then
    results+=("$(printf '  ok    %-34s %4ss' "$name" $((SECONDS - started)))")
  else
    results+=("$(printf '  FAIL  %-34s %4ss' "$name" $((SECONDS - started)))")
    failed=$((failed + 1))
    return 1
  fi
}

skip() {
  results+=("$(printf '  skip  %-34s (%s)' "$1" "$2")")
}

summary() {
  echo
  echo "==> summary"
  printf '%s\n' "${results[@]}"
  if [[ -s target/size-budget.txt ]]; then
    echo "  size budget: $(cat target/size-budget.txt)"
  fi
  if [[ "$failed" == 0 ]]; then
    echo "==> all steps passed in ${SECONDS}s"
  else
    echo "==> $failed step(s) FAILED after ${SECONDS}s"
  fi
}

if ! run "setup" scripts/setup.sh; then
  summary
  exit 1
fi
run "cargo fmt --check" cargo fmt --all --check
run "clippy (native, workspace)" cargo clippy --workspace --all-targets --locked -- -D warnings
run "clippy (wasm32, core + app)" env CLIPPY_CONF_DIR=scripts/clippy-wasm \
  cargo clippy -p uptrend-core -p uptrend-app --target wasm32-unknown-unknown --lib --bins --locked -- -D warnings
run "cargo test (all but browser)" cargo test --workspace --exclude uptrend-e2e --locked
rm -f target/size-budget.txt
if run "trunk build --release" trunk build --release; then
  # Two Chromiums at a time at most: the machine is small and shared.
  run "browser tests + size budget" env RUST_TEST_THREADS=2 cargo test -p uptrend-e2e --locked
else
  skip "browser tests + size budget" "no fresh dist/"
fi

summary
[[ "$failed" == 0 ]]
