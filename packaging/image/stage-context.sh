#!/usr/bin/env bash
# Stages the build context of the openclaw container image: CONTEXT/rootfs, which
# packaging/Containerfile copies into an empty `FROM scratch` image, and CONTEXT/state/data, the
# empty state directory (mode 0700) it copies to /data owned by the openclaw user. The root
# filesystem holds the gateway binary, stripped, and exactly what it needs at run time on top of
# the kernel:
#   - the shared objects `ldd` lists for it (with OPENCLAW_STATIC_DEPS only glibc: libc, libm)
#     and the dynamic loader, at the paths the binary asks for;
#   - /etc/nsswitch.conf (users, groups and host names from files, then DNS; glibc 2.34+ has
#     those NSS modules built in), /etc/passwd and /etc/group with root and the `openclaw`
#     user (uid/gid 1000) the image runs as;
#   - the CA bundle outbound TLS verifies providers against (the Containerfile points
#     SSL_CERT_FILE at it);
#   - /usr/share/zoneinfo, for cron jobs and heartbeats in named time zones (automation/
#     time_zone.cpp reads it), without the leap-second "right/" copies;
#   - a world-writable /tmp (the default log file is /tmp/openclaw/...).
# /etc/hosts, /etc/resolv.conf and /etc/hostname come from the container runtime.
#
# usage: packaging/image/stage-context.sh OPENCLAW_BINARY CONTEXT_DIR (replaced if it exists)
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 OPENCLAW_BINARY CONTEXT_DIR" >&2
  exit 2
fi
binary=$1
context=$2
rootfs=$context/rootfs
ca_bundle=/etc/ssl/certs/ca-certificates.crt
zoneinfo=/usr/share/zoneinfo

fail() {
  echo "stage-context: $*" >&2
  exit 1
}
[[ -x $binary ]] || fail "$binary is not an executable"
[[ -f $ca_bundle ]] || fail "$ca_bundle is missing (Debian package ca-certificates)"
[[ -d $zoneinfo/Etc ]] || fail "$zoneinfo is missing (Debian package tzdata)"

rm -rf "$context"
mkdir -p "$rootfs"/{usr/bin,etc/ssl/certs,usr/share}
mkdir -p "$context/state"
install -d -m 0700 "$context/state/data"
install -d -m 1777 "$rootfs/tmp"

strip --strip-unneeded -o "$rootfs/usr/bin/openclaw" "$binary"

# ldd prints "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" for libraries and
# "/lib64/ld-linux-x86-64.so.2 (0x...)" for the loader; linux-vdso has no file.
ldd_output=$(ldd "$binary") || fail "ldd $binary failed: $ldd_output"
if grep -q "not found" <<<"$ldd_output"; then
  fail "$binary needs libraries this machine lacks: $ldd_output"
fi
while read -r library; do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$ldd_output")

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
openclaw:x:1000:1000:OpenClaw gateway:/data:/sbin/nologin
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
openclaw:x:1000:
GROUP
cat >"$rootfs/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
shadow: files
hosts: files dns
NSS

cp -L "$ca_bundle" "$rootfs$ca_bundle"

cp -a "$zoneinfo" "$rootfs/usr/share/zoneinfo"
rm -rf "$rootfs$zoneinfo"/{right,posix,localtime}
