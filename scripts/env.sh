# Sourced by the other scripts: puts the project's pinned tools first on PATH.
# shellcheck shell=bash
UPTREND_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export UPTREND_ROOT
export PATH="$UPTREND_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
