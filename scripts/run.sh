#!/usr/bin/env bash
# Installs what is missing, builds Nahda and serves it on http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
echo "Nahda: http://127.0.0.1:8080"
exec trunk serve --release
