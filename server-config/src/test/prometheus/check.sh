#!/usr/bin/env bash
# Checks the shipped Prometheus files with promtool: the configuration (rendered as the launcher renders it), the
# recording and alert rules, and the alerts' unit tests (alerts.test.yml). Called by test.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$here/../../main/resources/prometheus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$main"/*.rules.yml "$work/"
echo "check-token" > "$work/scrape-token"
sed -e "s|\${INTERVAL}|15s|g" -e "s|\${TARGET}|127.0.0.1:8080|" -e "s|\${TOKEN_FILE}|$work/scrape-token|" \
    "$main/prometheus.yml" > "$work/prometheus.yml"
promtool check config "$work/prometheus.yml"
promtool check rules "$main"/*.rules.yml
(cd "$here" && promtool test rules alerts.test.yml)
