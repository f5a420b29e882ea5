#!/usr/bin/env bash
# What the request metrics and the access log cost (requests/s of a cheap endpoint with them on, off, on again; floor:
# within 5 %), and the scrape time of /metrics. One fresh platform, restarted between rounds. Takes ~3 minutes.
#   bench/metrics.sh [seconds per round, default 20] [clients, default 16]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx512m -- MetricsCost "${1:-20}" "${2:-16}"
