#!/usr/bin/env bash
# The test command: installs what the tests need on a Debian machine (Java 17, Maven, Node, Chromium and its
# driver), then runs every unit, contract and integration test against real parts. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)

missing=()
command -v java >/dev/null         || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null          || missing+=(maven)
command -v node >/dev/null         || missing+=(nodejs)
command -v npm >/dev/null          || missing+=(npm)
command -v setpriv >/dev/null      || missing+=(util-linux)
[ -x /usr/bin/chromium ]           || missing+=(chromium)
[ -x /usr/bin/chromedriver ]       || missing+=(chromium-driver)
command -v promtool >/dev/null     || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
    echo "[test] installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q "${missing[@]}" || { $sudo apt-get update -q && $sudo apt-get install -y -q "${missing[@]}"; }
fi

# leftovers of an interrupted earlier run would hold ports or data directories
pkill -f "$PWD/picktartup-web/target/it-platform" 2>/dev/null || true

# the Prometheus configuration, recording and alert rules, and the alerts' unit tests (docs/operations.md)
server-config/src/test/prometheus/check.sh

mvn -B -ntp clean verify "$@"
echo "test-command.wall: $(( $(date +%s) - started )) s"
