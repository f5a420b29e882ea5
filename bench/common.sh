# Sourced by the bench scripts (not run on its own). The benchmarks are the bench module's programs
# (io.picktartup.bench.*), compiled by the normal build; the scripts run them with plain java on the class path
# that module's build writes to bench/target/classpath.txt. Figures go to standard output, one a line
# ("name: value unit", maybe "  # note"), progress to standard error. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# bench_build [module,…]: builds the WAR, the launcher and the bench module (plus the given modules) without
# running tests, unless PICKTARTUP_SKIP_BUILD=1; then checks that what the benchmarks run on is there.
bench_build() {
    if [ "${PICKTARTUP_SKIP_BUILD:-0}" != "1" ]; then
        echo "[bench] building (PICKTARTUP_SKIP_BUILD=1 skips this)…" >&2
        mvn -q -B -ntp -DskipTests -pl "picktartup-web,bench${1:+,$1}" -am package >&2
    fi
    local f
    for f in bench/target/classes bench/target/classpath.txt picktartup-web/target/picktartup.war \
             server-config/target/runtime/payara-micro.jar; do
        [ -e "$f" ] || { echo "bench: missing $f: build first (mvn -DskipTests package), or leave PICKTARTUP_SKIP_BUILD unset" >&2; exit 1; }
    done
}

# bench_classpath: the bench module's classes and every library they need
bench_classpath() {
    echo "$PWD/bench/target/classes:$(cat "$PWD/bench/target/classpath.txt")"
}

# bench_run [java options…] -- <program> [arguments…]: runs io.picktartup.bench.<program>
bench_run() {
    local options=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
    [ $# -ge 2 ] || { echo "bench_run: usage: bench_run [java options…] -- <program> [arguments…]" >&2; exit 2; }
    shift
    local program=$1
    shift
    java "${options[@]}" -cp "$(bench_classpath)" "io.picktartup.bench.$program" "$@"
}
