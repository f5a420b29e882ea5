#!/usr/bin/env bash
# Chain figures: gas per contract operation (the contracts' gas report on a fresh anvil, beside the baselines of
# ARCHITECTURE.md) and mints confirmed per second through the outbox with 4 concurrent producers on a fresh anvil
# (beside the raw sequential rate), with the count of nonce errors. Run after: mvn -DskipTests install
#   bench/chain.sh [intents]        (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
intents="${1:-1000}"

echo "[bench] gas report (contracts, fresh anvil)…" >&2
mvn -q -B -o -pl contracts surefire:test -Dtest=GasReportTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
grep -E '^gas\.' contracts/target/gas-report.txt
cat <<'BASE'
baseline.first_draft.deposit_first: 148600 gas
baseline.first_draft.deposit_repeat: 97300 gas
baseline.first_draft.approve: 46400 gas
baseline.first_draft.claimRefund: 43500 gas
baseline.gasless.deposit_first_single: 161800 gas
baseline.gasless.deposit_first_batch50_per_investor: 122500 gas
baseline.gasless.deposit_repeat_single: 84800 gas
baseline.gasless.deposit_repeat_batch50_per_investor: 54900 gas
BASE

echo "[bench] outbox throughput ($intents mints, fresh anvil and database)…" >&2
java -Xmx512m -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    bench/ChainThroughput.java "$intents" 2> >(grep -v '^SLF4J' >&2)
