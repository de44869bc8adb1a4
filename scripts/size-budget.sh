#!/usr/bin/env bash
# The size budget the test command holds: fails when what a first visit downloads (brotli) grows
# past the budget stated in docs/performance.md ("First-visit budget: N bytes brotli"). To
# raise it, change that line in the same commit that explains why (see the doc).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget=$(grep -oE 'First-visit budget: [0-9,]+ bytes brotli' "$ROOT/docs/performance.md" | grep -oE '[0-9,]+' | tr -d ,)
if [ -z "$budget" ]; then
  echo "docs/performance.md states no first-visit budget"
  echo "test result: FAILED. 0 passed; 1 failed"
  exit 1
fi
total=$(bash "$ROOT/scripts/size.sh" "$@" | awk '$1 == "total" { print $4 }')
echo "first-visit download: $total bytes brotli; budget $budget"
if [ "$total" -gt "$budget" ]; then
  echo "The first-visit download grew past its budget by $((total - budget)) bytes."
  echo "Make it smaller, or raise the budget in docs/performance.md and say why."
  echo "test result: FAILED. 0 passed; 1 failed"
  exit 1
fi
echo "test result: ok. 1 passed; 0 failed"
