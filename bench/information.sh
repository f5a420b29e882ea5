#!/usr/bin/env bash
# The startup information platform at scale: N (default 100,000) generated startups with 24–36 months of figures
# each (SQL generate_series), then the SSI job through the admin API (start → COMPLETED) and, beside it, one plain SQL
# pass reading the same inputs (goals: ≤ 3× the plain pass and ≤ 60 s); then typical searches through the API against
# the same statements straight in SQL, p50/p95 (goals: API p95 ≤ 2× SQL p95 and ≤ 30 ms). Takes several minutes.
#   bench/information.sh [N]
source "$(dirname "$0")/common.sh"
bench_build
echo "[bench] uptime before: $(uptime)" >&2
bench_run -Xmx768m -- InformationBench "${1:-100000}"
