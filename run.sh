#!/usr/bin/env bash
# Runs Picktartup on Payara Micro with its dev services: an embedded PostgreSQL (data kept in .run/postgres), a
# GreenMail mail sink, the anvil dev chain with the contracts, a sandbox payment gateway, and the app. Ctrl-C (or
# SIGTERM) stops everything it started. Settings: see README and docs/configuration.md.
set -euo pipefail
cd "$(dirname "$0")"

# --instances N: N Payara Micro instances in one Data Grid behind nginx (docs/cluster.md); PICKTARTUP_INSTANCES too
while [ $# -gt 0 ]; do
    case "$1" in
        --instances) export PICKTARTUP_INSTANCES="${2:?--instances needs a number}"; shift 2 ;;
        --instances=*) export PICKTARTUP_INSTANCES="${1#--instances=}"; shift ;;
        *) echo "run.sh: unknown option '$1' (only --instances N)" >&2; exit 2 ;;
    esac
done
if [ "${PICKTARTUP_INSTANCES:-1}" != "1" ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "run.sh: several instances need nginx in front: apt-get install nginx-light" >&2; exit 1
fi

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
