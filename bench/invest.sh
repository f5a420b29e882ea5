#!/usr/bin/env bash
# The rush: N (default 500) investors reserve into one open round at once. Accepted per second, p50/p99 of the invest
# call, oversubscription (must be 0), and beside it, in the same run on the same embedded PostgreSQL, pgbench's rate
# for one hot row updated by as many clients as the application's JDBC pool holds. Goal: accepted rate ≥ 40 % of the
# raw rate, p99 ≤ 250 ms. Takes a few minutes.
#   bench/invest.sh [N]
# PICKTARTUP_ADMIN_EMAIL / PICKTARTUP_ADMIN_PASSWORD name the platform's first admin (defaults are generated).
# RUSH_WARMUP_CALLS_EACH (25) lengthens the warm-up calls; RUSH_WARMUP_BURSTS (3) is the number of uncounted bursts shaped
# as the measured ones before them; RUSH_PROFILE=1 records the application with JFR.
source "$(dirname "$0")/common.sh"
# pgbench ships with Debian's PostgreSQL server package (postgresql-NN), not with zonky's embedded binaries
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
    echo "[bench] installing pgbench (Debian package postgresql)" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    { $sudo apt-get install -y -q postgresql || { $sudo apt-get update -q && $sudo apt-get install -y -q postgresql; }; } >&2 \
        || echo "[bench] no pgbench: the JDBC loop stands in for the raw rate" >&2
fi
bench_build
echo "[bench] uptime before: $(uptime)" >&2
bench_run -Xmx1g -- InvestRush "${1:-500}"
