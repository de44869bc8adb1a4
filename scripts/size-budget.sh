#!/usr/bin/env bash
# The size budgets the test command holds: fails when a part of the release build (brotli, as
# scripts/size.sh sums it) grows past its budget stated in docs/performance.md: the field app
# ("Field app budget: N bytes brotli"), the sealing worker ("Sealing worker budget"), the
# coordinator app ("Coordinator app budget") and the XLSForm worker ("XLSForm worker budget").
# To raise one, change that line in the same commit that explains why (see the doc).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=$(bash "$ROOT/scripts/size.sh" "$@")
failed=0
check() { # $1 the budget's name in the doc, $2 the line of scripts/size.sh that measures it
  local budget total
  budget=$(grep -oE "$1: [0-9,]+ bytes brotli" "$ROOT/docs/performance.md" | grep -oE '[0-9,]+' | tr -d , || true)
  if [ -z "$budget" ]; then
    echo "docs/performance.md states no \"$1\""
    failed=1
    return
  fi
  total=$(echo "$sizes" | awk -v line="$2" '$1 == line { print $4 }')
  echo "$1: $budget; measured $total bytes brotli"
  if [ "$total" -gt "$budget" ]; then
    echo "It grew past its budget by $((total - budget)) bytes."
    echo "Make it smaller, or raise the budget in docs/performance.md and say why."
    failed=1
  fi
}
check "Field app budget" field-app
check "Sealing worker budget" sealing-worker
check "Coordinator app budget" coordinator-app
check "XLSForm worker budget" xlsform-worker
if [ "$failed" = 1 ]; then
  echo "test result: FAILED. 0 passed; 1 failed"
  exit 1
fi
echo "test result: ok. 1 passed; 0 failed"
