#!/usr/bin/env bash
# Card purchases through the platform: N (default 100) purchases completed concurrently, webhook → minted and
# confirmed p50/p99, total time, double mints checked against the chain's Minted events; beside it the raw rate of
# the same mints sent straight to the same fresh anvil by one client. Run after: mvn -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
java -Xmx512m -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    bench/CoinThroughput.java "${1:-100}" 2> >(grep -v '^SLF4J' >&2)
