#!/usr/bin/env bash
# Runs Picktartup on Payara Micro with its dev services: an embedded PostgreSQL (data kept in .run/postgres), a
# GreenMail mail sink, the anvil dev chain with the contracts, a sandbox payment gateway, and the app. Ctrl-C (or
# SIGTERM) stops everything it started. Settings: see README and docs/configuration.md.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is needed (Java 17 and Maven)" >&2; exit 1; }
done

if [ "${PICKTARTUP_SKIP_BUILD:-0}" != "1" ]; then
    echo "[picktartup] building (set PICKTARTUP_SKIP_BUILD=1 to skip)…"
    mvn -q -B -DskipTests -pl picktartup-web,server-config -am package
fi

# exec: the launcher's JVM receives the signals and stops its children in order
exec java -Xmx256m -XX:+UseSerialGC \
    -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    io.picktartup.launcher.Launcher "$PWD"
