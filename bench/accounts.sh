#!/usr/bin/env bash
# Accounts and wallets figures (issue 4): signup p50/p99 and the server's peak RSS for 20 concurrent signups, signup
# one at a time, login p50/p99 for 200 logins, the wallet password check (decrypt) on the server and in web3j, and one
# bare scrypt derivation with the keystore's parameters (the floor of a signup). Boots the platform through the
# launcher on free ports with a fresh embedded database and dev chain; stops it at the end. About 2 minutes after the
# build. The server's JVM options: PAYARA_JAVA_OPTS (default: docs/configuration.md).
#   bench/accounts.sh
source "$(dirname "$0")/common.sh"
bench_build
mkdir -p bench/target
bench_run -Xmx768m -XX:+UseSerialGC -Djava.io.tmpdir="$PWD/bench/target" -- AccountsBench
