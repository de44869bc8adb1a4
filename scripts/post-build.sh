#!/usr/bin/env bash
# Trunk post-build hook, run in the staging folder of every build:
# 1. a Content Security Policy in index.html that allows nothing from any other origin and no
#    inline script but Trunk's own loader (allowed by its SHA-256);
# 2. the service worker learns the files to precache and a build id (a digest of their
#    contents), so each build gets its own cache.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"

python3 - <<'PY'
import base64, hashlib, re
html = open("index.html", encoding="utf-8").read()
loaders = re.findall(r"<script type=\"module\">(.*?)</script>", html, re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in loaders
)
policy = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + hashes + "; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
meta = '<meta http-equiv="Content-Security-Policy" content="' + policy + '" />'
html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
open("index.html", "w", encoding="utf-8").write(html)
PY

# The PNG icons are left to the browser, which fetches them only when the app is installed; the
# XLSForm worker is fetched when a coordinator first uses it, and cached then (public/sw.js).
files=$(find . -type f ! -name sw.js ! -name '*.map' ! -name 'icon-*.png' ! -name 'nahda-xlsform*' | sed 's#^\./##' | sort)
# The build id covers the XLSForm worker too, so that a new one replaces the cached copy.
hashed=$(find . -type f ! -name sw.js ! -name '*.map' ! -name 'icon-*.png' | sed 's#^\./##' | sort)
build=$(for f in $hashed; do sha256sum "$f"; done | sha256sum | cut -c1-16)
list=$(printf '"./%s",' $files | sed 's/,$//')
list="[\"./\",${list}]"
sed -i "s#__NAHDA_BUILD__#${build}#; s#__NAHDA_FILES__#${list}#" sw.js
echo "post-build: content security policy set; service worker build ${build}, $(echo "$files" | wc -l) files precached"
