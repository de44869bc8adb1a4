#!/usr/bin/env bash
# Prints what a first visit downloads from the release build in dist/ (every file the page and
# its service worker fetch; not the PNG icons, fetched only when the app is installed): raw,
# gzip -9 and brotli -q 11. The app's files make the "total"; the sealing worker's files
# (nahda-seal*), which the page never waits for and the service worker caches once the app is
# ready, are summed apart as "sealing-worker"; the XLSForm worker's (nahda-xlsform*), fetched only
# when a coordinator loads or saves a workbook, as "xlsform-worker".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
total_raw=0 total_gz=0 total_br=0
worker_raw=0 worker_gz=0 worker_br=0
xls_raw=0 xls_gz=0 xls_br=0
printf '%-40s %10s %10s %10s\n' "first-visit file" "raw" "gzip" "brotli"
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  case "$(basename "$file")" in
    nahda-seal*) worker_raw=$((worker_raw + raw)) worker_gz=$((worker_gz + gz)) worker_br=$((worker_br + br)) ;;
    nahda-xlsform*) xls_raw=$((xls_raw + raw)) xls_gz=$((xls_gz + gz)) xls_br=$((xls_br + br)) ;;
    *) total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br)) ;;
  esac
  printf '%-40s %10d %10d %10d\n' "${file#"$DIST"/}" "$raw" "$gz" "$br"
done < <(find "$DIST" -type f ! -name '*.map' ! -name 'icon-*.png' | sort)
printf '%-40s %10d %10d %10d\n' "total" "$total_raw" "$total_gz" "$total_br"
printf '%-40s %10d %10d %10d\n' "sealing-worker" "$worker_raw" "$worker_gz" "$worker_br"
printf '%-40s %10d %10d %10d\n' "xlsform-worker" "$xls_raw" "$xls_gz" "$xls_br"
echo "first-visit download: $((total_br / 1024)) KiB brotli, $((total_gz / 1024)) KiB gzip, $((total_raw / 1024)) KiB raw"
echo "sealing worker, cached once the app is ready: $((worker_br / 1024)) KiB brotli"
echo "XLSForm worker, fetched when first used: $((xls_br / 1024)) KiB brotli"
