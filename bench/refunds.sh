#!/usr/bin/env bash
# Refunding a failed round: N investors (default 1000) with deposits on chain; the settlement job from start to
# REFUNDED timed, gas per investor refunded, balances and escrow checked on chain; the same with a kill -9 of the
# application half-way (exactly once checked against the Refunded events); beside it the raw rate of plain ERC-20
# transfers sent one per transaction to the same fresh anvil, and the floor (issue 19 §4): on a third round set up
# the same way, one raw client pipelining finalizeRound and refundBatch chunks of the same size (local nonces,
# JSON-RPC batches for sends and receipts); goals ≥ 0.7× the floor's rate, 10,000 investors ≤ 30 s. REFUND_CHUNK (default 200) sets the application's
# picktartup.settlement.refund-chunk.
#   bench/refunds.sh [N]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx768m -- RefundBench "${1:-1000}"
