#!/usr/bin/env bash
# Deploys Picktartup's contracts (PKN token, funding-round implementation, round factory) to an EVM chain, gives each
# signing key its one role, hands the admin role over when --admin is given, records the result in a JSON file and
# verifies it on chain; a re-run skips what is recorded and verified. See docs/deploy.md.
#   PICKTARTUP_DEPLOYER_KEY=… ./deploy.sh --rpc-url https://… --chain-id 97 --minter 0x… --relayer 0x… --round-creator 0x…
# The deployer key comes from PICKTARTUP_DEPLOYER_KEY or PICKTARTUP_DEPLOYER_KEY_FILE, never from an argument.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "deploy.sh: '$tool' is needed (Java 17 and Maven)" >&2; exit 1; }
done

if [ "${PICKTARTUP_SKIP_BUILD:-0}" != "1" ]; then
    echo "[picktartup] building the contracts and the deploy command (set PICKTARTUP_SKIP_BUILD=1 to skip)…" >&2
    mvn -q -B -DskipTests -pl server-config -am package
fi

exec java -Xmx256m -XX:+UseSerialGC \
    -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*" \
    io.picktartup.launcher.deploy.DeployCommand "$@"
