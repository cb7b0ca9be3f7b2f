#!/usr/bin/env bash
# Benchmarks of Uptrend at scale (not part of scripts/test.sh; tests never time things).
#
# Generates `uptrend demo --scale large` at four sizes (percentages of the full 622 MB set), then for
# each size runs the native `uptrend validate` and `uptrend report` on one core (time and peak memory
# through /usr/bin/time -v), the DuckDB script computing a subset of the report from the same JSON
# (scripts/bench/duckdb_report.py, which also checks both give the same numbers), and prints every
# figure and ratio. Finally the browser load (first chart, tab memory) of the demo data and of one size
# through the e2e harness (e2e/tests/load_figures.rs), on the release site in dist/.
#
# The machine is small and shared: the figures are one run each, compare them as ratios within a run.
#
# Environment:
#   UPTREND_BENCH_PERCENTS  sizes in percent of the full set (default "12 25 50 100")
#   UPTREND_BENCH_DIR       where the data sets go (default target/bench)
#   UPTREND_BENCH_BROWSER   the size whose browser load is measured besides the demo data
#                           (default: the largest; "none" skips the browser, "demo" measures only the demo)
#   UPTREND_BENCH_DUCKDB    "0" skips DuckDB
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UPTREND_ROOT"

percents=(${UPTREND_BENCH_PERCENTS:-12 25 50 100})
bench_dir="${UPTREND_BENCH_DIR:-target/bench}"
browser_size="${UPTREND_BENCH_BROWSER:-${percents[-1]}}"
mkdir -p "$bench_dir"

if [[ ! -x /usr/bin/time ]]; then
  echo "==> installing GNU time (apt)"
  apt-get install -y time >/dev/null
fi

echo "==> building the CLI (release profile: opt-level 3)"
cargo build --release --locked -p uptrend
uptrend=target/release/uptrend

venv=target/bench-venv
if [[ "${UPTREND_BENCH_DUCKDB:-1}" != 0 && ! -x "$venv/bin/python" ]]; then
  echo "==> installing DuckDB from PyPI into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet duckdb
fi

# measure OUT CMD...: runs CMD on one core with stdout to OUT; sets $seconds (CPU), $wall_seconds and $peak_mib.
measure() {
  local out="$1"
  shift
  local timing
  timing="$(mktemp)"
  if ! /usr/bin/time -v -o "$timing" taskset -c 0 "$@" >"$out"; then
    echo "command failed: $*" >&2
    cat "$timing" >&2
    return 1
  fi
  wall_seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$timing")"
  # CPU seconds (user + system) are the figure: on a shared machine the wall clock includes waiting for the core.
  seconds="$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$timing")"
  peak_mib="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$timing")"
  rm -f "$timing"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

declare -A input_mb validate_s report_s
rows=()
for percent in "${percents[@]}"; do
  data="$bench_dir/large-$percent"
  if [[ ! -f "$data/index.json" ]]; then
    echo "==> generating $data (uptrend demo --scale large --percent $percent)"
    "$uptrend" demo --scale large --percent "$percent" --out "$data"
  fi
  bytes="$(stat -c %s "$data/snapshots/large.json")"
  mb="$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
  input_mb[$percent]="$mb"

  echo "==> $percent%: $mb MB"
  measure /dev/null "$uptrend" validate "$data"
  validate_s[$percent]="$seconds"
  echo "validate $percent%: ${seconds}s CPU (${wall_seconds}s wall), $(ratio "$mb" "$seconds") MB/s, peak ${peak_mib} MiB ($(ratio "$peak_mib" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')")x input)"
  measure "$data/report.json" "$uptrend" report "$data" --format json
  report_s[$percent]="$seconds"
  report_wall="$wall_seconds"
  report_peak="$peak_mib"
  echo "report   $percent%: ${seconds}s CPU (${wall_seconds}s wall), peak ${peak_mib} MiB ($(ratio "$peak_mib" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')")x input)"
  duck="skipped"
  if [[ "${UPTREND_BENCH_DUCKDB:-1}" != 0 ]]; then
    # DuckDB runs on both cores (its default); Uptrend on one.
    duck_out="$(mktemp)"
    /usr/bin/time -v -o "$duck_out.time" "$venv/bin/python" scripts/bench/duckdb_report.py "$data" "$data/report.json" | tee "$duck_out"
    duck_s="$(sed -n 's/.*duckdb_seconds=\([0-9.]*\).*/\1/p' "$duck_out")"
    duck_cpu="$(sed -n 's/.*duckdb_cpu_seconds=\([0-9.]*\).*/\1/p' "$duck_out")"
    duck_peak="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$duck_out.time")"
    duck="${duck_cpu}s CPU (${duck_s}s wall, peak ${duck_peak} MiB): report $(ratio "$duck_cpu" "${report_s[$percent]}")x less CPU, $(ratio "$duck_s" "$report_wall")x less wall"
    rm -f "$duck_out" "$duck_out.time"
  fi
  echo "duckdb   $percent%: $duck"
  rows+=("$(printf '%5s%% %8s MB  validate %7ss %7s MB/s  report %7ss peak %6s MiB  duckdb %s' "$percent" "$mb" \
    "${validate_s[$percent]}" "$(ratio "$mb" "${validate_s[$percent]}")" "${report_s[$percent]}" "$report_peak" "$duck")")
done

echo
echo "==> linearity (seconds per 100 MB; constant when time is linear in the input)"
for percent in "${percents[@]}"; do
  printf '%5s%%  validate %6s  report %6s\n' "$percent" \
    "$(ratio "$(awk -v s="${validate_s[$percent]}" 'BEGIN { print s * 100 }')" "${input_mb[$percent]}")" \
    "$(ratio "$(awk -v s="${report_s[$percent]}" 'BEGIN { print s * 100 }')" "${input_mb[$percent]}")"
done

if [[ "$browser_size" != none ]]; then
  if [[ ! -f dist/index.html ]]; then
    echo "==> building the site (trunk build --release)"
    trunk build --release
  fi
  echo
  echo "==> browser load (release site, headless Chromium)"
  # browser_load LABEL DIR SLO: the load figures of the release site serving DIR as its data.
  browser_load() {
    UPTREND_BENCH_LABEL="$1" UPTREND_BENCH_DATA="$(realpath "$2")" UPTREND_BENCH_SLO="$3" \
      cargo test -q -p uptrend-e2e --locked --test load_figures -- --ignored --nocapture | grep '^browser'
  }
  # packed_copy FROM TO: TO holds FROM's manifest and (linked) snapshots, and the pack of them; FROM is untouched.
  packed_copy() {
    rm -rf "$2"
    mkdir -p "$2"
    cp "$1/index.json" "$2/"
    ln -s "$(realpath "$1/snapshots")" "$2/snapshots"
    measure /dev/null "$uptrend" pack "$2"
    echo "uptrend pack $1: $seconds s CPU, peak $peak_mib MiB, $(du -m "$2/uptrend.pack" | cut -f1) MB"
  }
  # The demo as it ships (its pack), then from its JSON snapshots alone.
  browser_load "demo (pack)" data checkout-availability
  rm -rf "$bench_dir/demo-json"
  mkdir -p "$bench_dir/demo-json"
  cp -r data/snapshots "$bench_dir/demo-json/"
  python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); m.pop("packed",None); json.dump(m,open(sys.argv[2],"w"))' \
    data/index.json "$bench_dir/demo-json/index.json"
  browser_load "demo (JSON)" "$bench_dir/demo-json" checkout-availability
  if [[ "$browser_size" != demo ]]; then
    browser_load "large-$browser_size% (JSON)" "$bench_dir/large-$browser_size" slo-0000
    packed_copy "$bench_dir/large-$browser_size" "$bench_dir/large-$browser_size-packed"
    browser_load "large-$browser_size% (pack)" "$bench_dir/large-$browser_size-packed" slo-0000
  fi
fi

echo
echo "==> summary (one run on a shared machine: compare ratios, not absolute times)"
printf '%s\n' "${rows[@]}"
