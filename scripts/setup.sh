#!/usr/bin/env bash
# Installs what the build and the tests need, pinned, and only what is missing or at the wrong version:
# the wasm32 target, trunk, wasm-bindgen-cli (the version in Cargo.lock), wasm-opt (npm binaryen, from
# package-lock.json), Debian Chromium + chromedriver, and the crates (trunk builds offline).
# Safe to run again: a second run only checks. See ../shared/TOOLCHAIN.md for why each pin is what it is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UPTREND_ROOT"

TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="version_132"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi

step() { printf 'setup: %-26s %s\n' "$1" "$2"; }

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [[ "$apt_updated" == 0 ]]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

missing_debs() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}

# Rust: the toolchain comes with the machine; the wasm target and the lint/format components may not.
command -v rustup >/dev/null || { echo "setup: rustup is required (https://rustup.rs)" >&2; exit 1; }
for component in clippy rustfmt; do
  if rustup component list --installed | grep -q "^$component"; then
    step "rustup $component" "present"
  else
    step "rustup $component" "installing"
    rustup component add "$component"
  fi
done
if rustup target list --installed | grep -qx "wasm32-unknown-unknown"; then
  step "wasm32-unknown-unknown" "present"
else
  step "wasm32-unknown-unknown" "installing"
  rustup target add wasm32-unknown-unknown
fi

# trunk: 0.22 needs a newer rustc than this machine has; --locked uses trunk's own tested lock file.
if [[ "$(trunk --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]]; then
  step "trunk $TRUNK_VERSION" "present"
else
  step "trunk $TRUNK_VERSION" "installing with cargo (about 8 min on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock. Not --locked: its lock file names a
# webpki-roots version the registry does not serve.
if [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  step "wasm-bindgen $WASM_BINDGEN_VERSION" "present"
else
  step "wasm-bindgen $WASM_BINDGEN_VERSION" "installing with cargo (about 2 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm binaryen (Debian's binaryen 108 breaks the wasm), pinned by package-lock.json.
if ! command -v npm >/dev/null; then
  step "node + npm" "installing from Debian"
  apt_install nodejs npm
fi
if [[ "$(wasm-opt --version 2>/dev/null)" == *"($WASM_OPT_VERSION)"* && node_modules/.package-lock.json -nt package-lock.json ]]; then
  step "wasm-opt $WASM_OPT_VERSION" "present (node_modules/.bin)"
else
  step "wasm-opt $WASM_OPT_VERSION" "installing with npm ci"
  npm ci --no-audit --no-fund
fi

# The browser for the tests: Debian's Chromium and its chromedriver.
missing="$(missing_debs chromium chromium-driver | tr '\n' ' ')"
if [[ -z "${missing// /}" ]]; then
  step "chromium, chromium-driver" "present"
else
  step "chromium, chromium-driver" "installing from Debian: $missing"
  # shellcheck disable=SC2086
  apt_install $missing
fi

# trunk runs cargo offline (Trunk.toml `offline = true`): have every crate of Cargo.lock at hand.
step "crates in Cargo.lock" "fetching (cargo fetch --locked)"
cargo fetch --locked --quiet

step "done" "trunk, wasm-bindgen, wasm-opt, chromium and chromedriver are ready"
