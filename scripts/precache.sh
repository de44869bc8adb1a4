#!/usr/bin/env bash
# Trunk post-build hook: writes the list of files to precache and a build id (a digest of
# their contents) into the service worker, so each build gets its own cache.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"
files=$(find . -type f ! -name sw.js ! -name '*.map' | sed 's#^\./##' | sort)
build=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
list=$(printf '"./%s",' $files | sed 's/,$//')
list="[\"./\",${list}]"
sed -i "s#__NAHDA_BUILD__#${build}#; s#__NAHDA_FILES__#${list}#" sw.js
echo "service worker: build ${build}, $(echo "$files" | wc -l) files precached"
