#!/usr/bin/env bash
# Runs every test of Nahda on a fresh machine: installs what is missing, then format, lints,
# native tests, browser tests (real IndexedDB in headless Chromium), the release build, the
# end-to-end tests against it, the download size of each app and worker and their budgets.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh --test
source scripts/env.sh
# A test run builds three crates for two targets; full debug info and incremental caches
# would take several more gigabytes of disk and buy nothing here: line tables are enough
# for a panic's backtrace.
export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=line-tables-only

mkdir -p target
LOG="$ROOT/target/test-run.log"
: >"$LOG"
timings=()
step() {
  local name="$1"; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local start=$SECONDS
  "$@" 2>&1 | tee -a "$LOG"
  timings+=("$(printf '%-28s %5ds' "$name" $((SECONDS - start)))")
}

# One chromedriver for the end-to-end tests; stopped however this script ends.
driver_port=9515
while (echo >"/dev/tcp/127.0.0.1/$driver_port") 2>/dev/null; do driver_port=$((driver_port + 1)); done
cleanup() { [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true; }
trap cleanup EXIT

step "format" bash -c 'cargo fmt --all -- --check && (cd tests/e2e && cargo fmt -- --check)'
step "clippy (native)" cargo clippy --all-targets -q -- -D warnings
step "clippy (wasm)" cargo clippy --target wasm32-unknown-unknown --all-targets -q -- -D warnings
step "clippy (end-to-end)" bash -c 'cd tests/e2e && cargo clippy --all-targets -q -- -D warnings'
step "native tests" cargo test
step "browser tests" cargo test --target wasm32-unknown-unknown --test web
step "release build" trunk build --release
# Chromium leaves its scratch folders behind when a test kills it as a phone would; they go
# under target/ rather than into the machine's /tmp.
mkdir -p "$ROOT/target/chromium-tmp"
TMPDIR="$ROOT/target/chromium-tmp" chromedriver --port="$driver_port" >"$ROOT/target/chromedriver.log" 2>&1 &
driver_pid=$!
export WEBDRIVER_URL="http://127.0.0.1:$driver_port"
step "end-to-end tests" bash -c 'cd tests/e2e && cargo test -- --test-threads=2'
step "download sizes" bash scripts/size.sh
step "size budget" bash scripts/size-budget.sh

printf '\n\033[1m== timings\033[0m\n'
printf '%s\n' "${timings[@]}"

# One closing line over every test runner above (native, browser, end-to-end).
passed=$(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$LOG" | awk '{s += $4} END {print s + 0}')
failed=$(grep -oE '[0-9]+ failed' "$LOG" | awk '{s += $1} END {print s + 0}')
printf '\n%s passed, %s failed\n' "$passed" "$failed"
