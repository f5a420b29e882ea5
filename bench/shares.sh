#!/usr/bin/env bash
# Shares as tokens (issue 20), gas on the running platform: a round of N investors (default 300) released, its share
# token created and issued by the platform in issueNext chunks (gas per investor from the chunks' gas_used), then one
# signed share transfer after the lock-up (transferBySig): against half a T-REX transfer (155.7 k gas, a reference
# figure from elsewhere, printed as reference.trex.transferGas) and 60 k gas per investor issued.
#   bench/shares.sh [N]
source "$(dirname "$0")/common.sh"
bench_build
bench_run -Xmx768m -- ShareBench "${1:-300}"
