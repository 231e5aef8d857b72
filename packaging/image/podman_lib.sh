# shellcheck shell=bash
# Sourced by the image tests: podman set up for this machine without touching /etc, and the loud
# skip (exit 77) when no container runtime works here.

skip() {
  printf '\n##########################################################################\n' >&2
  printf '##  SKIPPED (NOT RUN, NOT PASSED): %s\n' "$*" >&2
  printf '##########################################################################\n\n' >&2
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# use_podman WORK_DIR: points CONTAINERS_CONF at a containers.conf in WORK_DIR (runc, and ulimits
# a host without CAP_SYS_RESOURCE can set: crun refuses cgroup v1 hybrid hosts), then skips
# unless podman is installed and answers.
use_podman() {
  mkdir -p "$1"
  cat >"$1/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]

[engine]
runtime = "runc"
CONF
  export CONTAINERS_CONF=$1/containers.conf
  unset CONTAINER_HOST CONTAINER_CONNECTION
  command -v podman >/dev/null || skip "podman is not installed (scripts/setup-deps.sh --test)"
  local problem
  problem=$(podman info 2>&1 >/dev/null) || skip "podman does not work here: ${problem##*$'\n'}"
}
