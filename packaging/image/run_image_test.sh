#!/usr/bin/env bash
# The container image end to end with a real podman (CTest image.run, label packaging): the
# gateway as PID 1 without --init, uid 1000, a host directory as /data, a read-only root, no
# capabilities, its port published on 127.0.0.1 only. Checks the HEALTHCHECK, /healthz from the host, token auth from the host, the
# state files, a clean exit 0 on `podman stop` well inside the grace period, and the refusal to
# start without a token. Exit 77 (loudly) when podman cannot run containers here.
#
# usage: run_image_test.sh OPENCLAW_BINARY IMAGE_REF WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=packaging/image/podman_lib.sh
source "$here/podman_lib.sh"

[[ $# -eq 3 ]] || fail "usage: $0 OPENCLAW_BINARY IMAGE_REF WORK_DIR"
openclaw=$(realpath "$1")
image=$2
work=$3
token="image-test-token-$RANDOM$RANDOM"
grace_s=10

use_podman "$work"
podman image exists "$image" || skip "image $image is not built (CTest fixture container_image)"
problem=$(podman run --rm --network none "$image" --version 2>&1) ||
  skip "podman cannot run a container here: ${problem##*$'\n'}"

name="openclaw-image-test-$$"
refused="openclaw-image-test-notoken-$$"
data=$work/data
# The data directory belongs to uid 1000 inside the container: chowned on the host when podman
# runs as root, inside podman's user namespace when it is rootless.
as_container_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else podman unshare "$@"; fi
}
cleanup() {
  podman rm --force --ignore --time 0 "$name" "$refused" >/dev/null 2>&1 || true
  as_container_root rm -rf "$data" "$data-notoken"
}
trap cleanup EXIT
cleanup
mkdir -p "$data" "$data-notoken"
as_container_root chown 1000:1000 "$data" "$data-notoken"
chmod 0700 "$data" "$data-notoken"

# wait_for SECONDS DESCRIPTION COMMAND...: polls the command until it succeeds, at most SECONDS.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${limit}s; logs: $(podman logs "$name" 2>&1)"
    sleep 0.2
  done
}

# No --init: the gateway is PID 1 and must handle SIGTERM itself. Locked down as
# deploy/k8s runs it: read-only root with only /data and /tmp writable, no capabilities.
podman run --detach --name "$name" --volume "$data:/data" --publish 127.0.0.1::18789 \
  --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,mode=1777 --cap-drop ALL \
  --security-opt no-new-privileges \
  --env "OPENCLAW_GATEWAY_TOKEN=$token" "$image" >/dev/null 2>"$work/run.err" ||
  fail "podman run failed: $(cat "$work/run.err")"
address=$(podman port "$name" 18789)
[[ $address == 127.0.0.1:* ]] || fail "port published on '$address', not on 127.0.0.1 only"
port=${address##*:}

wait_for 30 "HEALTHCHECK healthy" podman healthcheck run "$name"
health=$(curl -fsS "http://127.0.0.1:$port/healthz") || fail "/healthz from the host failed"
[[ $health == '{"ok":true,"status":"live"}' ]] || fail "/healthz answered $health"
ready=$(curl -fsS "http://127.0.0.1:$port/readyz") || fail "/readyz from the host failed"
[[ $ready == '{"ready":true}' ]] || fail "/readyz answered $ready"
echo "healthy: HEALTHCHECK and /healthz on 127.0.0.1:$port"

read -r pid user < <(podman top "$name" pid user | tail -n 1)
[[ $pid == 1 && $user == openclaw ]] || fail "the gateway runs as PID $pid user $user"
host_pid=$(podman inspect --format '{{.State.Pid}}' "$name")
uids=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$host_pid/status")
if [[ $(id -u) -eq 0 ]]; then
  [[ $uids == "1000 1000 1000 1000" ]] || fail "the gateway's uids are $uids, not 1000"
fi
echo "runs as PID 1, user openclaw (host uids: $uids)"

# From the host, through the published port, the gateway sees a remote peer: the token admits
# it (hello-ok), but a device-less remote client holds no operator scopes, so a scope-gated
# method is FORBIDDEN rather than refused for auth. A wrong token is refused at the handshake.
output=$("$openclaw" gateway call health --url "ws://127.0.0.1:$port" --token "$token" 2>&1) &&
  fail "a remote device-less client was granted operator scopes: $output"
grep -q "missing scope: operator.read (FORBIDDEN)" <<<"$output" ||
  fail "the right token from the host was not accepted: $output"
output=$("$openclaw" gateway call health --url "ws://127.0.0.1:$port" --token wrong 2>&1) &&
  fail "a wrong token was accepted: $output"
grep -q "gateway token mismatch" <<<"$output" || fail "a wrong token failed otherwise: $output"
echo "from the host: the token is accepted, a wrong one refused"
# Inside the container the CLI is a local client: the full RPC succeeds with the token.
output=$(podman exec "$name" openclaw gateway call health --url ws://127.0.0.1:18789 \
  --token "$token" 2>&1) || fail "health RPC inside the container failed: $output"
grep -q '"ok": true' <<<"$output" || fail "health RPC answered $output"
echo "health RPC through podman exec: ok"
# The image's zoneinfo: a daily 09:00 Asia/Tokyo job (UTC+9, no DST) next runs at 00:00 UTC.
output=$(podman exec "$name" openclaw cron add --name tz-check --cron "0 9 * * *" \
  --tz Asia/Tokyo --system-event tz --url ws://127.0.0.1:18789 --token "$token" --json 2>&1) ||
  fail "cron add with a named time zone failed: $output"
next_run_ms=$(sed -n 's/^  "nextRunAtMs": \([0-9]*\),$/\1/p' <<<"$output")
[[ -n $next_run_ms && $((next_run_ms % 86400000)) -eq 0 ]] ||
  fail "09:00 Asia/Tokyo did not come out as 00:00 UTC: $output"
echo "cron in Asia/Tokyo: next run at 00:00 UTC"

[[ -f $data/openclaw.db ]] || fail "no openclaw.db in the /data volume: $(ls -la "$data")"
owner=$(as_container_root stat -c %u "$data/openclaw.db")
[[ $owner == 1000 ]] || fail "openclaw.db belongs to uid $owner inside the container"
echo "state in the volume: $(cd "$data" && echo *)"
rss_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$host_pid/status")
echo "idle gateway RSS in the container: ${rss_kib} KiB"

started=$(date +%s%N)
podman stop --time "$grace_s" "$name" >/dev/null
stop_ms=$((($(date +%s%N) - started) / 1000000))
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[[ $code != 137 ]] || fail "podman stop had to SIGKILL the gateway after ${stop_ms} ms"
[[ $code == 0 ]] || fail "the gateway exited $code on SIGTERM"
((stop_ms < grace_s * 1000 / 2)) ||
  fail "podman stop took ${stop_ms} ms, not well inside the ${grace_s}s grace period"
logs=$(podman logs "$name" 2>&1)
grep -q "received SIGTERM; shutting down" <<<"$logs" || fail "the gateway did not log the SIGTERM: $logs"
echo "podman stop -t $grace_s: exit 0 in ${stop_ms} ms"
size=$(podman image inspect --format '{{.Size}}' "$image")
((size < 40 * 1000 * 1000)) || fail "the image grew to $size bytes (23 MB when this was written)"
echo "image size: $size bytes"

# Without a token the LAN bind is refused and the container exits non-zero, saying why.
podman run --detach --name "$refused" --volume "$data-notoken:/data" --publish 127.0.0.1::18789 \
  "$image" >/dev/null 2>"$work/run.err" || fail "podman run failed: $(cat "$work/run.err")"
code=$(podman wait "$refused")
[[ $code != 0 ]] || fail "the gateway started without a token on a LAN bind"
logs=$(podman logs "$refused" 2>&1)
grep -q "refusing to bind 0.0.0.0 (--bind lan) without auth" <<<"$logs" ||
  fail "no clear message without a token: $logs"
echo "without a token: exit $code with the refusal in podman logs"
echo "PASS"
