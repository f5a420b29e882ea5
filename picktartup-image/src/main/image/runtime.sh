#!/usr/bin/env bash
# The image's operating-system part, without a registry or a Docker daemon: a Java runtime cut by jlink from the
# build's own JDK (Debian's openjdk-17 with its jmods), the shared libraries it loads taken from this machine's Debian
# packages (glibc, libstdc++, libgcc, zlib), the CA certificates, and the few files a container expects (/etc/passwd
# for the non-root user 1000, /tmp). Jib lays this folder over `scratch` (pom.xml). Usage: runtime.sh <root folder>
# The runtime is made once per JDK and version of this script in a cache outside target/ (PICKTARTUP_IMAGE_CACHE,
# default ~/.cache/picktartup/image-runtime), so a clean build only copies it.
set -euo pipefail
target="$1"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -d "$java_home/jmods" ] || { echo "no jmods in $java_home: install openjdk-17-jdk-headless (Debian ships them in it or in openjdk-17-jmods)" >&2; exit 1; }
key="$(echo "$java_home $(stat -c %Y "$java_home/jmods/java.base.jmod")" | sha256sum | cut -c1-12)-$(sha256sum "$0" | cut -c1-12)"
root="${PICKTARTUP_IMAGE_CACHE:-${HOME:-/tmp}/.cache/picktartup/image-runtime}/$key"
install_runtime() {
    mkdir -p "$target"
    rm -rf "$target/opt/java" "$target/lib" "$target/lib64" "$target/etc" "$target/tmp" "$target/var"
    cp -a "$root/." "$target/"
    echo "[image] runtime $key: $(du -sh "$target/opt/java" | cut -f1) Java, libraries: $(ls "$target/lib/x86_64-linux-gnu" | tr '\n' ' ')"
}
if [ -f "$root/.complete" ]; then
    install_runtime
    exit 0
fi
rm -rf "$root"
mkdir -p "$root/opt" "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/etc/ssl/certs" "$root/tmp" "$root/var/lib/picktartup"

# what Payara Micro 6 and the platform use: Java SE, Unsafe (Hazelcast, Grizzly), EC crypto (web3j, JWT), zip
# file systems, JMX/management (metrics), DNS naming, Korean locale data and charsets, JFR, the compiler (JSP)
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent
modules=$modules,jdk.naming.dns,jdk.localedata,jdk.charsets,jdk.jfr,jdk.compiler,jdk.httpserver,jdk.net
modules=$modules,jdk.security.auth,jdk.security.jgss,jdk.xml.dom,jdk.attach,jdk.jdi,jdk.jdwp.agent
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"

# Debian points the JDK's CA store at /etc/ssl/certs/java/cacerts: put the real file in the runtime
if [ -L "$java_home/lib/security/cacerts" ] || [ ! -s "$root/opt/java/lib/security/cacerts" ]; then
    rm -f "$root/opt/java/lib/security/cacerts"
    cp -L "$java_home/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

# every shared library the runtime's binaries and libraries load, from the system (dereferenced, so no links)
{ find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 | xargs -0 ldd 2>/dev/null || true; } \
    | awk '/=> \// { print $3 } /^\t\/lib64\// { print $1 }' | sort -u \
    | while read -r lib; do
        case "$lib" in
            "$root"/*) ;;                                  # the runtime's own libraries
            /lib64/*) cp -L "$lib" "$root/lib64/" ;;
            *) cp -L "$lib" "$root/lib/x86_64-linux-gnu/" ;;
        esac
    done
[ -f "$root/lib64/ld-linux-x86-64.so.2" ] || { echo "no dynamic loader found" >&2; exit 1; }
# glibc's name service switch (files, then DNS), for /etc/hosts and the cluster's resolver
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\npicktartup:x:1000:1000:picktartup:/var/lib/picktartup:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\npicktartup:x:1000:\n' > "$root/etc/group"
touch "$root/.complete"
install_runtime
rm -f "$target/.complete"
