#!/usr/bin/env bash
# Installs the .deb on a fresh Debian 12 and uses it there: a minbase bookworm made once with
# debootstrap (cached in CACHE_DIR), used through a throwaway overlay so the cache stays fresh.
# In a private mount namespace (unshare --mount, nothing mounted shows on the host) it chroots
# in, runs `dpkg -i`, checks --version, `update status` (a Debian package), the man page and the
# completions, then starts `openclaw --dev gateway` on a free port, waits for /healthz and stops
# it with SIGTERM, which must end it cleanly (exit 0) in time.
#
# usage: test-fresh-debian.sh DEB CACHE_DIR
# Exit 77 (CTest: skipped) when this cannot be tried here: not root, or the mirror unreachable.
set -euo pipefail

skip() {
  printf '\n########################################################################\n'
  printf '##  SKIPPED: %s\n' "$*"
  printf '########################################################################\n\n'
  exit 77
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# ---- inside the mount namespace ----------------------------------------------------------------
if [[ ${1:-} == --inside ]]; then
  deb=$2 base=$3 scratch=$4 port=$5
  root=$scratch/root
  # The cache is the overlay's read-only lower layer; every change lands in tmpfs.
  mount -t tmpfs -o size=1g openclaw-test "$scratch"
  mkdir -p "$scratch/upper" "$scratch/work" "$root"
  mount -t overlay overlay -o "lowerdir=$base,upperdir=$scratch/upper,workdir=$scratch/work" "$root"
  mount --bind /proc "$root/proc"
  mount --bind /dev "$root/dev"
  cp "$deb" "$root/tmp/openclaw.deb"
  in_root=(chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin)
  in_root() { "${in_root[@]}" "$@"; }

  echo "== dpkg -i $(basename "$deb")"
  in_root dpkg -i /tmp/openclaw.deb || fail "dpkg -i failed"
  echo "== openclaw --version"
  version=$(in_root openclaw --version) || fail "openclaw --version failed"
  echo "$version"
  [[ $version == "openclaw "* ]] || fail "unexpected --version output: $version"
  echo "== openclaw update status"
  status=$(in_root openclaw update status) || fail "openclaw update status failed"
  echo "$status"
  grep -q "Debian package openclaw" <<<"$status" || fail "update status does not name the package"
  grep -q "/usr/bin/openclaw" <<<"$status" || fail "update status does not name /usr/bin/openclaw"
  for file in /usr/share/man/man1/openclaw.1.gz /usr/share/man/man1/openclaw-gateway.1.gz \
    /usr/share/bash-completion/completions/openclaw /usr/lib/systemd/user/openclaw-gateway.service \
    /usr/share/openclaw/install-control-ui.sh /usr/share/doc/openclaw/copyright; do
    [[ -s $root$file ]] || fail "$file is missing"
  done
  zcat "$root/usr/share/man/man1/openclaw.1.gz" | grep -q '^\.TH OPENCLAW ' ||
    fail "openclaw.1.gz is not a man page"
  echo "man pages, completions, user unit, Control UI script and copyright are in place"
  echo "== /usr/share/openclaw/install-control-ui.sh (no npm here: it must say so and exit 77)"
  in_root /usr/share/openclaw/install-control-ui.sh --help | grep -q "Debian package installs" ||
    fail "install-control-ui.sh --help does not run from its installed place"
  code=0
  ui=$(in_root /usr/share/openclaw/install-control-ui.sh 2>&1) || code=$?
  echo "$ui"
  [[ $code -eq 77 && $ui == *"npm not found"* ]] ||
    fail "install-control-ui.sh without npm exited $code"

  echo "== openclaw --dev gateway --port $port"
  log=$scratch/gateway.log
  # Not through the function: $! must be the gateway itself (chroot and env exec it).
  "${in_root[@]}" openclaw --dev gateway --port "$port" >"$log" 2>&1 &
  gateway=$!
  trap 'kill -KILL "$gateway" 2>/dev/null || true' EXIT
  deadline=$((SECONDS + 30))
  until curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null; do
    if ! kill -0 "$gateway" 2>/dev/null; then
      cat "$log"
      fail "the gateway exited before answering /healthz"
    fi
    ((SECONDS < deadline)) || {
      cat "$log"
      kill -KILL "$gateway"
      fail "no /healthz answer within 30 s"
    }
    sleep 0.2
  done
  echo
  kill -TERM "$gateway"
  # `wait` returns when the gateway exits; a watchdog ends a hang after 15 s (exit 137).
  (sleep 15 && kill -KILL "$gateway" 2>/dev/null) &
  watchdog=$!
  code=0
  wait "$gateway" || code=$?
  kill "$watchdog" 2>/dev/null || true
  cat "$log"
  [[ $code -eq 0 ]] || fail "the gateway exited with $code after SIGTERM (137: killed after 15 s)"
  echo "PASS: installed on a fresh Debian 12, the dev gateway answered /healthz and stopped on SIGTERM"
  exit 0
fi

# ---- outside: checks, the cached base system -------------------------------------------------
[[ $# -eq 2 ]] || fail "usage: $0 DEB CACHE_DIR"
deb=$(realpath "$1")
cache=$(realpath -m "$2")
[[ -f $deb ]] || fail "no package at $deb"
[[ $(id -u) -eq 0 ]] || skip "needs root (debootstrap, unshare --mount, chroot)"
for tool in debootstrap unshare chroot curl; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/setup-deps.sh --test)"
done

# The mirror this machine's apt uses (one-line or deb822 sources), else deb.debian.org.
mirror=$(sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}:[^ ]*\) bookworm .*/\2/p' \
  -e 's/^URIs: *\(https\{0,1\}:[^ ]*\).*/\1/p' \
  /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 ||
  true)
mirror=${mirror:-http://deb.debian.org/debian}

base=$cache/bookworm-minbase
if [[ ! -f $base/.openclaw-complete ]]; then
  echo "== debootstrap --variant=minbase bookworm from $mirror into $base (once; cached)"
  rm -rf "$base" "$base.partial"
  mkdir -p "$cache"
  if ! debootstrap --variant=minbase bookworm "$base.partial" "$mirror" >"$cache/debootstrap.log" 2>&1; then
    tail -20 "$cache/debootstrap.log"
    rm -rf "$base.partial"
    skip "debootstrap could not fetch Debian 12 from $mirror (see $cache/debootstrap.log)"
  fi
  mv "$base.partial" "$base"
  touch "$base/.openclaw-complete"
fi

scratch=$(mktemp -d)
trap 'rmdir "$scratch" 2>/dev/null || true' EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
unshare --mount --fork -- "$0" --inside "$deb" "$base" "$scratch" "$port"
