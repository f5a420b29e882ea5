#!/usr/bin/env bash
# The startup information platform at scale: N (default 100,000) generated startups with 24–36 months of figures
# each (SQL generate_series), then the SSI job through the admin API (start → COMPLETED) and, beside it, one plain SQL
# pass reading the same inputs. Goals: SSI job ≤ 3× the plain pass and ≤ 60 s. A hook for the search measurements
# (API vs SQL p50/p95) is in InformationBench.searchMeasurements. Takes a few minutes (most of it generating data).
# Run after: mvn -B -o -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
echo "[bench] uptime before: $(uptime)"
java -Xmx768m -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    bench/InformationBench.java "${1:-100000}" 2> >(grep --line-buffered -v "^SLF4J" >&2)
