#!/usr/bin/env bash
# The benchmark command: builds the release, measures what a first visit downloads, runs the
# native benchmarks of the pure core, then drives headless Chromium through WebDriver to time
# what a phone user feels. Prints tables and writes bench-results/*.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh --test
source scripts/env.sh
trunk build --release
mkdir -p bench-results
bash scripts/size.sh | tee bench-results/size.txt
cargo bench --bench core | tee bench-results/core.txt

driver_port=9515
while (echo >"/dev/tcp/127.0.0.1/$driver_port") 2>/dev/null; do driver_port=$((driver_port + 1)); done
chromedriver --port="$driver_port" >/dev/null 2>&1 &
driver_pid=$!
trap 'kill "$driver_pid" 2>/dev/null || true' EXIT
export WEBDRIVER_URL="http://127.0.0.1:$driver_port"
(cd tests/e2e && cargo run --release --quiet --bin bench)
