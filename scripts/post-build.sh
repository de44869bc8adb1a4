#!/usr/bin/env bash
# Trunk post-build hook, run in the staging folder of every build:
# 0. in a release build, the JavaScript glue of each WebAssembly module minified with terser
#    (Trunk's `--minify` leaves the field app's glue as it is), and the integrity hashes the
#    pages give for those files written again; the form pack and the area list written without
#    the spaces that make them readable in the repository;
# 1. a Content Security Policy in each app's page (index.html, coordinator.html) that allows
#    nothing from any other origin and no inline script but Trunk's own loader (allowed by its
#    SHA-256);
# 2. the service worker learns the files to precache, the files cached when first used, and a
#    build id (a digest of all their contents), so each build gets its own cache.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"

if [ "${TRUNK_PROFILE:-}" = release ]; then
  command -v terser >/dev/null || { echo "post-build: terser is missing: run bash scripts/setup.sh" >&2; exit 1; }
  # The field app's glue is an ES module; the workers' glue is a classic script whose global
  # `wasm_bindgen` the loaders call, so its top level keeps its names.
  for f in nahda.js nahda-coordinator.js nahda-seal.js nahda-xlsform.js; do
    [ -f "$f" ] || { echo "post-build: $f is missing" >&2; exit 1; }
    mode=()
    [ "$f" = nahda.js ] && mode=(--module)
    terser "$f" "${mode[@]}" --compress --mangle --output "$f.min"
    mv "$f.min" "$f"
  done
  python3 - <<'PY'
import base64, hashlib, re
for page in ("index.html", "coordinator.html"):
    html = open(page, encoding="utf-8").read()
    def rehash(tag):
        tag = tag.group(0)
        href = re.search(r'href="\./([^"]+)"', tag)
        if not href:
            return tag
        digest = base64.b64encode(hashlib.sha384(open(href.group(1), "rb").read()).digest()).decode()
        return re.sub(r'integrity="sha384-[^"]*"', 'integrity="sha384-' + digest + '"', tag)
    html = re.sub(r"<link[^>]*integrity=\"sha384-[^\"]*\"[^>]*>", rehash, html)
    open(page, "w", encoding="utf-8").write(html)
PY
  python3 - <<'PY'
import glob, json
for path in ["areas.json", *glob.glob("forms/*.json")]:
    data = json.load(open(path, encoding="utf-8"))
    open(path, "w", encoding="utf-8").write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
PY
fi

python3 - <<'PY'
import base64, hashlib, re
for page in ("index.html", "coordinator.html"):
    html = open(page, encoding="utf-8").read()
    loaders = re.findall(r"<script type=\"module\">(.*?)</script>", html, re.S)
    hashes = "".join(
        " 'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in loaders
    )
    policy = (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + hashes + "; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; "
        "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
    meta = '<meta http-equiv="Content-Security-Policy" content="' + policy + '" />'
    if '<meta charset="utf-8" />' not in html:
        raise SystemExit("post-build: " + page + " has no <meta charset=\"utf-8\" /> to put the policy after")
    html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
    open(page, "w", encoding="utf-8").write(html)
PY

# Precached on install: the field app. Cached when first used, then kept through updates: the
# coordinator app and the XLSForm worker, which not every device needs. The PNG icons are left
# to the browser, which fetches them only when the app is installed.
coordinator_files="coordinator.html coordinator.js nahda-coordinator.js nahda-coordinator_bg.wasm"
xlsform_files=$(find . -maxdepth 1 -type f -name 'nahda-xlsform*' ! -name '*.map' | sed 's#^\./##' | sort)
for f in $coordinator_files; do [ -f "$f" ] || { echo "post-build: $f is missing" >&2; exit 1; }; done
field_files=$(find . -type f ! -name sw.js ! -name '*.map' ! -name 'icon-*.png' ! -name 'nahda-xlsform*' \
  ! -name 'nahda-coordinator*' ! -name 'coordinator.*' | sed 's#^\./##' | sort)
hashed=$(find . -type f ! -name sw.js ! -name '*.map' ! -name 'icon-*.png' | sed 's#^\./##' | sort)
build=$(for f in $hashed; do sha256sum "$f"; done | sha256sum | cut -c1-16)
json() { printf '"./%s",' "$@" | sed 's/,$//'; }
field="[\"./\",$(json $field_files)]"
later="{\"coordinator\":[$(json $coordinator_files)],\"xlsform\":[$(json $xlsform_files)]}"
sed -i "s#__NAHDA_BUILD__#${build}#; s#__NAHDA_FILES__#${field}#; s#__NAHDA_LATER__#${later}#" sw.js
echo "post-build: content security policy set; service worker build ${build}, $(echo "$field_files" | wc -l) files precached"
