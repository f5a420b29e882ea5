#!/usr/bin/env bash
# Accounts and wallets figures (issue 4), as "name: value unit" lines: signup p50/p99 and the server's peak RSS for
# 20 concurrent signups, signup one at a time, login p50/p99 for 200 logins, the wallet password check (decrypt) on
# the server and in web3j, and one bare scrypt derivation with the keystore's parameters (the floor of a signup).
# Boots the platform through the launcher on free ports with a fresh embedded database; stops it at the end.
# Builds first unless PICKTARTUP_SKIP_BUILD=1. The server's JVM options: PAYARA_JAVA_OPTS (default in README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PICKTARTUP_SKIP_BUILD:-0}" != "1" ]; then
    mvn -q -B -DskipTests -pl contracts,server-config,picktartup-ejb,picktartup-batch,picktartup-web package
fi
mkdir -p bench/target
# the launcher's own progress lines ("[picktartup] …") are left out; every figure is a "name: value unit" line
java -Xmx768m -XX:+UseSerialGC -Djava.io.tmpdir="$PWD/bench/target" \
    -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*:picktartup-web/target/picktartup/WEB-INF/lib/*" \
    bench/AccountsBench.java "$PWD" | grep --line-buffered -v '^\[picktartup\]'
