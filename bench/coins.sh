#!/usr/bin/env bash
# Card purchases through the platform: N (default 100) purchases completed concurrently, webhook → minted and
# confirmed p50/p99, total time, double mints checked against the chain's Minted events; beside it the raw rate of
# the same mints sent straight to the same fresh anvil by one client that pipelines them (local nonces, JSON-RPC
# batches for sends and receipts): the floor, goal ≥ 0.7×.
#   bench/coins.sh [N]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx512m -- CoinThroughput "${1:-100}"
