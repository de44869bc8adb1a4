#!/usr/bin/env bash
# Prints what each part of the release build in dist/ weighs to download: raw, gzip -9 and
# brotli -q 11, file by file and summed by part (not the PNG icons, fetched only when the app is
# installed; not the service worker's source maps):
# - "field-app": the field app, everything a first visit fetches before the survey answers and
#   the service worker precaches, but the sealing worker;
# - "sealing-worker" (nahda-seal*): the sealing worker, which the page never waits for and the
#   service worker precaches on a first visit;
# - "coordinator-app" (coordinator.*, nahda-coordinator*): what opening the coordinator app the
#   first time adds (its page, its module; the style sheets are the field app's);
# - "xlsform-worker" (nahda-xlsform*): fetched only when a workbook is loaded or saved.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
declare -A raw=() gz=() br=()
parts="field-app sealing-worker coordinator-app xlsform-worker"
for part in $parts; do raw[$part]=0 gz[$part]=0 br[$part]=0; done
printf '%-40s %10s %10s %10s\n' "file" "raw" "gzip" "brotli"
while IFS= read -r file; do
  r=$(wc -c <"$file")
  g=$(gzip -9 -c "$file" | wc -c)
  b=$(brotli -q 11 -c "$file" | wc -c)
  case "$(basename "$file")" in
    nahda-seal*) part=sealing-worker ;;
    nahda-coordinator* | coordinator.*) part=coordinator-app ;;
    nahda-xlsform*) part=xlsform-worker ;;
    *) part=field-app ;;
  esac
  raw[$part]=$((raw[$part] + r)) gz[$part]=$((gz[$part] + g)) br[$part]=$((br[$part] + b))
  printf '%-40s %10d %10d %10d\n' "${file#"$DIST"/}" "$r" "$g" "$b"
done < <(find "$DIST" -type f ! -name '*.map' ! -name 'icon-*.png' | sort)
for part in $parts; do
  printf '%-40s %10d %10d %10d\n' "$part" "${raw[$part]}" "${gz[$part]}" "${br[$part]}"
done
first=$((br[field-app] + br[sealing-worker]))
printf '%-40s %10s %10s %10d\n' "first-visit" "" "" "$first"
echo "field app: $((br[field-app] / 1024)) KiB brotli, $((gz[field-app] / 1024)) KiB gzip, $((raw[field-app] / 1024)) KiB raw"
echo "first visit (the field app and the sealing worker it precaches): $((first / 1024)) KiB brotli"
echo "coordinator app, fetched when first opened: $((br[coordinator-app] / 1024)) KiB brotli"
echo "XLSForm worker, fetched when first used: $((br[xlsform-worker] / 1024)) KiB brotli"
