#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --test, to test) Nahda on a fresh machine.
# Everything comes from the package registries (crates.io, Debian, npm); nothing else is fetched.
# A second run finds everything in place and returns in seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
WASM_BINDGEN_VERSION="0.2.130"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
TERSER_VERSION="5.51.4"
AXE_CORE_VERSION="4.14.1"
PYXFORM_VERSION="4.5.0"

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

mkdir -p "$TOOLS"
pids=()
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked >"$TOOLS/trunk-install.log" 2>&1 &
  pids+=($!)
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes on 2 cores)"
  # Not --locked: the webpki-roots version its lockfile pins is not available from the package
  # registry, so compatible versions are resolved instead.
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >"$TOOLS/wasm-bindgen-install.log" 2>&1 &
  pids+=($!)
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' >"$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
fi

if ! "$TOOLS/node_modules/.bin/terser" --version 2>/dev/null | grep -qx "terser $TERSER_VERSION"; then
  log "installing terser $TERSER_VERSION from npm (minifies the JavaScript glue of the release)"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' >"$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent "terser@$TERSER_VERSION")
fi

if [ "$with_test" = 1 ]; then
  # axe-core, injected into the pages by the end-to-end accessibility test.
  if ! grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json"; then
    log "installing axe-core $AXE_CORE_VERSION from npm"
    [ -f "$TOOLS/package.json" ] || echo '{"private":true}' >"$TOOLS/package.json"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent "axe-core@$AXE_CORE_VERSION")
  fi
  # pyxform, the XLSForm converter of KoboToolbox and ODK, which checks the exported survey.
  if ! "$TOOLS/pyxform/bin/python" -c "import pyxform, sys; sys.exit(pyxform.__version__ != '$PYXFORM_VERSION')" 2>/dev/null; then
    log "installing pyxform $PYXFORM_VERSION from PyPI"
    python3 -m venv "$TOOLS/pyxform"
    "$TOOLS/pyxform/bin/pip" install --quiet --disable-pip-version-check "pyxform==$PYXFORM_VERSION"
  fi
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  command -v brotli >/dev/null || need+=(brotli)
  # The reference age tool, which the sealed-bundle tests exchange files with.
  command -v age >/dev/null || need+=(age)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

for pid in "${pids[@]}"; do
  if ! wait "$pid"; then
    log "a tool install failed; the end of its log:"
    tail -n 40 "$TOOLS"/*-install.log
    exit 1
  fi
done

log "fetching crates"
[ -f "$ROOT/Cargo.toml" ] && (cd "$ROOT" && cargo fetch -q)
[ -f "$ROOT/tests/e2e/Cargo.toml" ] && (cd "$ROOT/tests/e2e" && cargo fetch -q)
log "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -n1)"
