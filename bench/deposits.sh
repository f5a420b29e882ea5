#!/usr/bin/env bash
# Deposits in a rush (issue 19 §3): N (default 50) first-time investors of one round sign at once; the outbox carries
# their deposits in depositBatch transactions. Prints deposit.gasPerInvestor (gas_used of the transactions that carried
# the rush / deposits confirmed) beside the floor of the same run, deposit.single.gas (one deposit sent alone), and the
# verdict against the goal (<= 100,000 gas per investor). Takes a few minutes.
#   bench/deposits.sh [N]
# PICKTARTUP_CHAIN_DEPOSIT_BATCH_SIZE=1 runs the same rush with every deposit sent alone (for comparison).
source "$(dirname "$0")/common.sh"
bench_build
echo "[bench] uptime before: $(uptime)" >&2
bench_run -Xmx1g -- DepositBench "${1:-50}"
