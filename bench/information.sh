#!/usr/bin/env bash
# The startup information platform at scale: N (default 100,000) generated startups with 24–36 months of figures
# each (SQL generate_series), then the SSI job through the admin API (start → COMPLETED) and, beside it, one plain SQL
# pass reading the same inputs (goals: ≤ 3× the plain pass and ≤ 60 s); then typical searches through the API against
# the same statements straight in SQL, p50/p95 (goals: API p95 ≤ 2× SQL p95 and ≤ 30 ms). Takes several minutes.
# Run after: mvn -B -o -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
echo "[bench] uptime before: $(uptime)"
api=$(ls ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar)
java -Xmx768m -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*:picktartup-ejb/target/classes:$api" \
    bench/InformationBench.java "${1:-100000}" 2> >(grep --line-buffered -v "^SLF4J" >&2)
