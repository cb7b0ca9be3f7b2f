#!/usr/bin/env bash
# Builds the site in release mode and serves dist/ (with the demo data in data/) on http://127.0.0.1:8080.
# PORT=9000 scripts/serve.sh picks another port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UPTREND_ROOT"

scripts/setup.sh
trunk build --release
echo "Serving the Uptrend report on http://127.0.0.1:${PORT:-8080}/"
exec cargo run --quiet --locked -p uptrend-e2e --bin serve-dist -- "${PORT:-8080}"
