#!/usr/bin/env bash
# What the request metrics and the access log cost (requests/s of a cheap endpoint with them on and off, in alternating
# pairs; the median of the pairs' costs; floor: within 5 %), and the scrape time of /metrics. One fresh platform,
# restarted between rounds of different modes. Takes ~6 minutes with 3 pairs.
#   bench/metrics.sh [seconds per round, default 20] [clients, default 16] [pairs, default 3]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx512m -- MetricsCost "${1:-20}" "${2:-16}" "${3:-3}"
