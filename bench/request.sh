#!/usr/bin/env bash
# The per-request floor (issue 19 §1): calls/s of GET /api/platform and of an authenticated GET /api/accounts/me on
# the platform beside a bare JAX-RS WAR (one resource, a small JSON) on the same Payara Micro with the same JVM options,
# loaded by the same client (kept-alive connections, closed loop or pipelined); ratios and PASS/FAIL (platform ≥ 0.5×,
# me ≥ 0.4× the bare rate). REQUEST_PROFILE=1 adds a JFR profile of the platform (hottest frames on standard error).
# Both servers run at once; their rounds are interleaved (bare, platform, me; twice). Takes ~6 minutes.
#   bench/request.sh [seconds per round, default 15] [connections, default 16] [depth, default 1]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx256m -- RequestFloor "${1:-15}" "${2:-16}" "${3:-1}"
