#!/usr/bin/env bash
# Issue 16's cost figures on ONE booted platform (the metrics and the access log switched at run time through the
# operators' switches, no restart): requests/s of a cheap endpoint with them on and off in short alternating pairs
# after one warm-up (the median of the pairs' costs; floor: within 5 %), the scrape time of /metrics, then the rush
# (InvestRush's burst) on and off on fresh rounds (floor: within 5 %). Takes ~10 minutes with the defaults on a quiet machine.
#   bench/metrics.sh [seconds per round, default 5] [clients, default 16] [pairs, default 10]
# METRICS_WARMUP (s, 60), METRICS_RUSH=0 skips the rush, METRICS_RUSH_N (investors, 500), METRICS_RUSH_PAIRS (5).
source "$(dirname "$0")/common.sh"
bench_build
echo "[bench] uptime before: $(uptime)" >&2
bench_run -Xmx1g -- MetricsCost "${1:-5}" "${2:-16}" "${3:-10}"
