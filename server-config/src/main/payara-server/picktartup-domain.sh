#!/usr/bin/env bash
# Sets up a Payara Server 6 domain for Picktartup and deploys the EAR; also stops and deletes it.
#
#   picktartup-domain.sh setup    create the domain (if missing), put the PostgreSQL driver in its lib/, start it,
#                                 create the server resources with post-boot.asadmin (the same script Payara Micro
#                                 runs), restart it (the batch runtime reads its data source at start only), and
#                                 deploy the EAR at context root /
#   picktartup-domain.sh start    start an existing domain (after a reboot); the app redeploys itself
#   picktartup-domain.sh deploy   (re)deploy the EAR on the running domain
#   picktartup-domain.sh stop     stop the domain
#   picktartup-domain.sh delete   stop and delete the domain
#
# Settings (environment variables):
#   PAYARA_HOME       the unpacked Payara Server (the folder holding bin/asadmin)                      required
#   PICKTARTUP_EAR    the EAR to deploy (setup, deploy)                 default: picktartup-ear/target/picktartup.ear
#   POSTGRESQL_JAR    the PostgreSQL JDBC driver (setup)               default: picktartup-ear/target/runtime/postgresql.jar
#   POST_BOOT         the asadmin script with the server resources
#                     default: server-config/src/main/resources/io/picktartup/launcher/post-boot.asadmin
#   DOMAIN_NAME       default: picktartup
#   DOMAIN_DIR        the folder that holds domains                    default: $PAYARA_HOME/glassfish/domains
#   PORTBASE          if set, every port is PORTBASE + offset: admin +48, HTTP +80, HTTPS +81 (create-domain
#                     --portbase); if unset, Payara's defaults: admin 4848, HTTP 8080, HTTPS 8181
#   ADMIN_PASSWORD_FILE  a file with the line AS_ADMIN_PASSWORD=…: the admin user gets that password and secure
#                     admin is enabled (needed for the console from another host); unset: admin without password,
#                     reachable from this host only — fine for tests, not for production
#   DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD MAIL_HOST MAIL_PORT MAIL_FROM
#                     read by the server at run time through ${ENV=…} in its resources: they must be set in the
#                     environment of 'setup' and 'start' (the server process inherits them); see docs/configuration.md
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"

: "${PAYARA_HOME:?set PAYARA_HOME to the unpacked Payara Server (e.g. picktartup-ear/target/payara6)}"
PICKTARTUP_EAR="${PICKTARTUP_EAR:-$root/picktartup-ear/target/picktartup.ear}"
POSTGRESQL_JAR="${POSTGRESQL_JAR:-$root/picktartup-ear/target/runtime/postgresql.jar}"
POST_BOOT="${POST_BOOT:-$root/server-config/src/main/resources/io/picktartup/launcher/post-boot.asadmin}"
DOMAIN_NAME="${DOMAIN_NAME:-picktartup}"
DOMAIN_DIR="${DOMAIN_DIR:-$PAYARA_HOME/glassfish/domains}"
export TERM="${TERM:-dumb}"   # asadmin's console library complains without one

if [ -n "${PORTBASE:-}" ]; then
    admin_port=$((PORTBASE + 48))
else
    admin_port=4848
fi
asadmin=("$PAYARA_HOME/bin/asadmin")
admin_options=(--host 127.0.0.1 --port "$admin_port")
if [ -n "${ADMIN_PASSWORD_FILE:-}" ]; then
    admin_options+=(--user admin --passwordfile "$ADMIN_PASSWORD_FILE")
fi

log() { echo "[picktartup-domain] $*"; }
remote() { "${asadmin[@]}" "${admin_options[@]}" "$@"; }

require_environment() {
    local missing=()
    for name in DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD MAIL_HOST MAIL_PORT MAIL_FROM; do
        [ -n "${!name:-}" ] || missing+=("$name")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "picktartup-domain.sh: set ${missing[*]} (the server reads them at run time)" >&2
        exit 2
    fi
}

require_file() {
    [ -f "$1" ] || { echo "picktartup-domain.sh: missing $1 ($2)" >&2; exit 2; }
}

create() {
    local options=(--domaindir "$DOMAIN_DIR" --checkports=true)
    [ -n "${PORTBASE:-}" ] && options+=(--portbase "$PORTBASE")
    if [ -n "${ADMIN_PASSWORD_FILE:-}" ]; then
        options+=(--user admin --passwordfile "$ADMIN_PASSWORD_FILE")
    else
        options+=(--nopassword)
    fi
    log "creating domain $DOMAIN_NAME in $DOMAIN_DIR"
    "${asadmin[@]}" create-domain "${options[@]}" "$DOMAIN_NAME"
    cp "$POSTGRESQL_JAR" "$DOMAIN_DIR/$DOMAIN_NAME/lib/"
}

start() {
    require_environment
    log "starting domain $DOMAIN_NAME (admin port $admin_port)"
    "${asadmin[@]}" start-domain --domaindir "$DOMAIN_DIR" "$DOMAIN_NAME"
}

stop() {
    if [ -d "$DOMAIN_DIR/$DOMAIN_NAME" ]; then
        log "stopping domain $DOMAIN_NAME"
        "${asadmin[@]}" stop-domain --domaindir "$DOMAIN_DIR" "$DOMAIN_NAME" || true
    fi
}

deploy() {
    require_file "$PICKTARTUP_EAR" "build it: mvn -DskipTests install"
    log "deploying $PICKTARTUP_EAR"
    remote deploy --force=true --name picktartup "$PICKTARTUP_EAR"
}

# What an admin reads in the console and with asadmin (docs/payara-console.md): monitoring statistics of the JDBC
# pool, threads, HTTP, the JVM and the EJB container; health checks (CPU, heap, the pool's use, stuck threads) whose
# warnings go to server.log through the log notifier.
monitoring() {
    log "monitoring levels and health checks"
    # one asadmin session for all of them (each asadmin call starts a JVM)
    local commands checker
    commands=$(mktemp)
    {
        echo "set-monitoring-level --module=jdbc-connection-pool,thread-pool,http-service,jvm,ejb-container" \
            "--level=HIGH,HIGH,HIGH,HIGH,HIGH"
        echo "set-healthcheck-configuration --enabled=true --dynamic=true --enable-notifiers=log-notifier"
        for checker in cpu-usage heap-memory-usage connection-pool; do
            echo "set-healthcheck-service-configuration --service=$checker --enabled=true --dynamic=true" \
                "--time=1 --time-unit=MINUTES --threshold-critical=90 --threshold-warning=75 --threshold-good=0"
        done
        echo "set-healthcheck-service-configuration --service=stuck-thread --enabled=true --dynamic=true" \
            "--time=1 --time-unit=MINUTES --stuck-threads-threshold=5 --stuck-threads-threshold-unit=MINUTES"
    } > "$commands"
    remote multimode --file "$commands"
    rm -f "$commands"
}

setup() {
    require_environment
    require_file "$POSTGRESQL_JAR" "the PostgreSQL JDBC driver"
    require_file "$POST_BOOT" "the asadmin script with the server resources"
    require_file "$PICKTARTUP_EAR" "build it: mvn -DskipTests install"
    if [ ! -d "$DOMAIN_DIR/$DOMAIN_NAME" ]; then
        create
        start
        log "creating the server resources from $POST_BOOT"
        remote multimode --file "$POST_BOOT"
        # Payara Micro's job tables are named jbatch*; Server's default has no prefix: the same names on both
        remote set-batch-runtime-configuration --datasourcelookupname=jdbc/picktartup --tablePrefix=jbatch
        monitoring
        if [ -n "${ADMIN_PASSWORD_FILE:-}" ]; then
            remote enable-secure-admin
        fi
        log "restarting: the batch runtime takes its job repository data source at start"
        stop
        start
    else
        log "domain $DOMAIN_NAME exists in $DOMAIN_DIR: keeping its resources"
        if ! remote list-applications >/dev/null 2>&1; then
            start
        fi
    fi
    deploy
    log "ready: http://127.0.0.1:$(http_port)/ (admin console: http://127.0.0.1:$admin_port/)"
}

http_port() {
    if [ -n "${PORTBASE:-}" ]; then echo $((PORTBASE + 80)); else echo 8080; fi
}

case "${1:-}" in
    setup) setup ;;
    start) start ;;
    deploy) deploy ;;
    stop) stop ;;
    delete)
        stop
        if [ -d "$DOMAIN_DIR/$DOMAIN_NAME" ]; then
            "${asadmin[@]}" delete-domain --domaindir "$DOMAIN_DIR" "$DOMAIN_NAME"
        fi
        ;;
    *)
        sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
