#!/usr/bin/env bash
# The cluster (issue 18, docs/cluster.md): the rush (bench/invest.sh's InvestRush, N investors, default 300) on one
# instance, then on three instances of one Data Grid behind nginx, on the same machine, one after the other; prints
# cluster.rush.accepted1 / accepted3 (the roomy burst's accepted investments per second) and their ratio, with the
# hot row's raw rate of each run as the floor. The failover times and the RSS per instance come from ClusterIT
# (cluster.failover.<worker>, cluster.failover.settlement lines in its output); this script prints the RSS of each
# instance after the bursts (cluster.rss.instance).
#   bench/cluster.sh [N]
source "$(dirname "$0")/common.sh"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "bench: apt-get install nginx-light first" >&2; exit 1; }
bench_build
n="${1:-300}"
declare -A rate=()
for instances in 1 3; do
    echo "[bench] rush of $n on $instances instance(s); uptime: $(uptime)" >&2
    out=$(PICKTARTUP_INSTANCES=$instances bench_run -Xmx1g -- InvestRush "$n" | tee /dev/stderr)
    rate[$instances]=$(echo "$out" | sed -n 's/^roomy-accepted-rate: \([0-9.]*\).*/\1/p' | head -1)
    floor=$(echo "$out" | sed -n 's/^pg-hot-row-rate: \([0-9.]*\).*/\1/p' | head -1)
    echo "cluster.rush.accepted$instances: ${rate[$instances]:-?} /s  # roomy burst through $( [ "$instances" = 1 ] && echo "the instance" || echo nginx); floor pg-hot-row-rate ${floor:-?} tx/s; $(nproc) cores; load before: $(echo "$out" | sed -n 's/^rush-load-before: \([0-9.]*\).*/\1/p' | head -1)"
    echo "$out" | sed -n 's/^rush-rss-instance: \([0-9]*\) MB *# *\([^,]*\),.*/cluster.rss.instance: \1 MB  # \2 of '"$instances"', -Xmx1536m, after the bursts/p'
done
if [ -n "${rate[1]:-}" ] && [ -n "${rate[3]:-}" ]; then
    echo "cluster.rush.ratio: $(awk -v a="${rate[3]}" -v b="${rate[1]}" 'BEGIN { printf "%.2f", a / b }') x  # 3 instances against 1 on the same $(nproc) cores"
fi
