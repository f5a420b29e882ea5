#!/usr/bin/env bash
# The rush: N (default 500) investors reserve into one open round at once. Accepted per second, p50/p99 of the invest
# call, oversubscription (must be 0), and beside it, in the same run on the same embedded PostgreSQL, pgbench's rate
# for one hot row updated by as many clients as the application's JDBC pool holds. Goal: accepted rate ≥ 40 % of the
# raw rate, p99 ≤ 250 ms. Takes a few minutes. Run after: mvn -DskipTests package (or install).
# PICKTARTUP_ADMIN_EMAIL / PICKTARTUP_ADMIN_PASSWORD name the platform's first admin (defaults are generated).
set -euo pipefail
cd "$(dirname "$0")/.."
# pgbench ships with Debian's PostgreSQL server package (postgresql-NN), not with zonky's embedded binaries
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
    echo "[bench] installing pgbench (Debian package postgresql)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q postgresql || { $sudo apt-get update -q && $sudo apt-get install -y -q postgresql; } \
        || echo "[bench] no pgbench: the JDBC loop stands in for the raw rate"
fi
echo "[bench] uptime before: $(uptime)"
java -Xmx1g -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    bench/InvestRush.java "${1:-500}" 2> >(grep -v '^SLF4J' >&2)
