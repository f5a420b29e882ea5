#!/usr/bin/env bash
# Keyword search over N generated startups (default 100,000): API p50/p95 against the same statements straight in
# SQL (the floor). Run after: mvn -B -o -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
api=$(ls ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar)
java -Xmx768m -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*:picktartup-ejb/target/classes:$api" \
    bench/SearchBench.java "${1:-100000}" 2> >(grep --line-buffered -v "^SLF4J" >&2)
