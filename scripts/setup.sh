#!/usr/bin/env bash
# Idempotent setup: installs what a fresh machine lacks to build, test, benchmark and demo cytomine-wasm.
# Used by `npm start`, `npm test` and `npm run bench` (package.json scripts) and by `.ci/run`.
# Each step checks before it installs, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# `--locked` first (reproducible); if the registry lacks a locked dependency version (seen here:
# a yanked webpki-roots), resolve again without it.
cargo_install() {
  cargo install "$1" --version "$2" --locked --force || cargo install "$1" --version "$2" --force
}

# 1. Rust target for WebAssembly.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The standard library's sources: the release build recompiles core and alloc for size
#     (scripts/build.mjs; without them it falls back to an ordinary, larger build).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "adding rust component rust-src"
  rustup component add rust-src || log "rust-src unavailable: the wasm will be built without rebuilding core"
fi

# 2. wasm-bindgen-cli at exactly the version in Cargo.lock (wasm-pack cannot download it here).
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  log "installing wasm-bindgen-cli $bindgen_version (a few minutes)"
  cargo_install wasm-bindgen-cli "$bindgen_version"
fi

# 3. wasm-pack, built from crates.io.
wasm_pack_version=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$wasm_pack_version" ]; then
  log "installing wasm-pack $wasm_pack_version (a few minutes)"
  cargo_install wasm-pack "$wasm_pack_version"
fi

# 4. cargo-fuzz, for the short fuzzing runs of `npm test` (the fuzz targets build on the stable
#    toolchain with RUSTC_BOOTSTRAP=1, see scripts/test.mjs).
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz (a couple of minutes)"
  cargo_install cargo-fuzz 0.13.2
fi

# 5. npm dependencies (binaryen gives wasm-opt; playwright-core, typescript, vite, cytomine-client for tests).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# 6. Chromium for the browser tests and benchmarks (Playwright cannot download its own browser here).
if [ "${SKIP_CHROMIUM:-0}" != 1 ] && [ ! -x /usr/bin/chromium ]; then
  log "installing chromium from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# 7. nginx, for the test that runs the README's gateway block (tests/browser/gateway-nginx.test.mjs;
#    it runs unprivileged with its own configuration, so the service is never started here).
if [ "${SKIP_NGINX:-0}" != 1 ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  log "installing nginx-light from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx-light >/dev/null
  # The package may start the system service (where policy-rc.d allows it): not needed, stop it.
  if [ -s /run/nginx.pid ]; then nginx -s quit 2>/dev/null || true; fi
fi

# 8. The judges of `npm test` (tests/judges): the official Python clients from PyPI, each in its own
#    virtual environment (3.1.0 signs like core 5.2, 4.3.0 like today's core). `npm start` skips it.
for version in 3.1.0 4.3.0; do
  [ "${SKIP_JUDGES:-0}" = 1 ] && break
  venv=".venv/cytomine-$version"
  if [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("cytomine-python-client"))' 2>/dev/null)" != "$version" ]; then
    log "installing cytomine-python-client $version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "cytomine-python-client==$version"
  fi
done

log "ok"
