#!/usr/bin/env bash
# End-to-end test of `openclaw fleet` with a real podman (CTest fleet.podman-cells, label
# packaging): two cells from IMAGE, their isolation and security profile, stop/start, upgrade
# with its rollback, doctor, the refusals, removal with purge. Everything it creates (containers,
# networks, state) is removed on exit, also on failure. Exit 77 (skipped, said loudly) when
# podman cannot run containers here or the image is missing.
#
# usage: run_fleet_e2e.sh OPENCLAW_BINARY IMAGE_REF WORK_DIR
set -euo pipefail

openclaw=$(realpath "$1")
image=$2
work=$3

# skip (loud, exit 77), fail and use_podman (this machine's podman settings), shared with the
# image tests.
# shellcheck source=packaging/image/podman_lib.sh
source "$(dirname "$0")/../image/podman_lib.sh"

command -v jq >/dev/null || fail "jq is needed (scripts/setup-deps.sh --test installs it)"

rm -rf "$work"
use_podman "$work"
export OPENCLAW_STATE_DIR="$work/state"
unset DOCKER_HOST OPENCLAW_GATEWAY_TOKEN

podman image exists "$image" || skip "image $image is not built (the container_image fixture)"
podman run --rm --network none "$image" --version >/dev/null 2>&1 ||
  skip "podman cannot run a container from $image here: $(podman run --rm --network none "$image" --version 2>&1 | tail -n 1)"

# Tenant ids unique to this run, so parallel runs and other users' cells are never touched.
run_id=$$
a="e2e-a-$run_id"
b="e2e-b-$run_id"
cleanup() {
  for tenant in "$a" "$b"; do
    podman rm --force --time 2 "openclaw-cell-$tenant" "openclaw-cell-$tenant-previous" \
      >/dev/null 2>&1 || true
    podman network rm "openclaw-cell-$tenant" >/dev/null 2>&1 || true
  done
  rm -rf "$work/state"
}
trap cleanup EXIT

fleet() { "$openclaw" fleet "$@"; }

# expect_refusal PATTERN COMMAND...: the command fails (exit != 0) and says PATTERN.
expect_refusal() {
  local pattern=$1 output status=0
  shift
  output=$("$@" 2>&1) || status=$?
  [[ $status -ne 0 ]] || fail "accepted: $* (output: $output)"
  grep -q -- "$pattern" <<<"$output" || fail "'$*' failed without saying '$pattern': $output"
  echo "refused as expected: $* -> $(head -n 1 <<<"$output")"
}

# wait_for SECONDS DESCRIPTION COMMAND...: until the command succeeds, at most SECONDS.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${limit}s"
    sleep 0.5
  done
}

echo "== create two cells"
fleet create "$a" --runtime podman --image "$image" --memory 256m --pids-limit 128 --json \
  >"$work/a.json"
fleet create "$b" --runtime podman --image "$image" --memory 256m --pids-limit 128 --json \
  --env TZ=UTC --env FLEET_E2E=kept >"$work/b.json"
token_a=$(jq -r .token "$work/a.json")
token_b=$(jq -r .token "$work/b.json")
port_a=$(jq -r .port "$work/a.json")
port_b=$(jq -r .port "$work/b.json")
[[ $(jq -r .healthy "$work/a.json") == true && $(jq -r .healthy "$work/b.json") == true ]] ||
  fail "a new cell is not healthy: $(cat "$work/a.json" "$work/b.json")"
[[ $token_a =~ ^[0-9a-f]{32}$ && $token_a != "$token_b" ]] || fail "tokens: $token_a $token_b"
[[ $port_a != "$port_b" ]] || fail "both cells got port $port_a"
[[ $(stat -c %a "$OPENCLAW_STATE_DIR/fleet/cells/$a") == 700 ]] || fail "cell dir is not 0700"
if grep -rq "$token_a" "$OPENCLAW_STATE_DIR"; then fail "the token is stored in the state dir"; fi
[[ -z $(find "$OPENCLAW_STATE_DIR/fleet/tmp" -type f) ]] || fail "an env file was left behind"

echo "== list and status"
fleet list
fleet list --json | jq -e --arg a "$a" --arg b "$b" \
  '[.[] | select(.tenant == $a or .tenant == $b) | .state] == ["running", "running"]' >/dev/null ||
  fail "list does not show both cells running"
status=$(fleet status "$a")
echo "$status"
grep -q '^Health: *ok$' <<<"$status" || fail "status does not say health ok"
grep -q '^Runtime: *podman$' <<<"$status" || fail "status does not name the runtime"

echo "== each token works on its own cell only"
# HTTP with the token as bearer: 401 means the gateway refused the token. (Over WebSocket a
# device-less CLI is not local to the cell, so it would get no operator scopes either way.)
http_status() {
  curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $2" \
    -H 'Content-Type: application/json' -d '{"tool":"fleet-e2e-no-such-tool"}' \
    "http://127.0.0.1:$1/tools/invoke"
}
for cell in "a $port_a $token_a $token_b" "b $port_b $token_b $token_a"; do
  read -r name port own other <<<"$cell"
  status=$(http_status "$port" "$own")
  [[ $status != 401 && $status != 000 ]] || fail "cell $name refused its own token ($status)"
  status=$(http_status "$port" "$other")
  [[ $status == 401 ]] || fail "cell $name did not refuse the other cell's token ($status)"
done
ws_call() { "$openclaw" gateway call health --url "ws://127.0.0.1:$1" --token "$2" --timeout 5000; }
if output=$(ws_call "$port_a" "$token_b" 2>&1); then fail "cell a accepted b's token over ws"; fi
grep -qi 'token' <<<"$output" || fail "cell a refused b's token without saying so: $output"

echo "== published on 127.0.0.1 only"
mapping=$(podman port "openclaw-cell-$a")
[[ $mapping == "18789/tcp -> 127.0.0.1:$port_a" ]] || fail "port mapping: $mapping"
for address in $(hostname -I); do
  if curl -s -m 3 -o /dev/null "http://$address:$port_a/healthz"; then
    fail "cell a answers on $address:$port_a"
  fi
done
curl -sf -m 3 "http://127.0.0.1:$port_a/healthz" >/dev/null || fail "no /healthz on loopback"

echo "== security profile"
inspect=$(podman container inspect "openclaw-cell-$a")
jq -e '.[0].EffectiveCaps == [] or .[0].EffectiveCaps == null' <<<"$inspect" >/dev/null ||
  fail "capabilities left: $(jq -c '.[0].EffectiveCaps' <<<"$inspect")"
jq -e '.[0].HostConfig.CapDrop | index("CAP_CHOWN") and index("CAP_SETUID")' \
  <<<"$inspect" >/dev/null || fail "CapDrop: $(jq -c '.[0].HostConfig.CapDrop' <<<"$inspect")"
jq -e '.[0].HostConfig.SecurityOpt | index("no-new-privileges")' <<<"$inspect" >/dev/null ||
  fail "no no-new-privileges: $(jq -c '.[0].HostConfig.SecurityOpt' <<<"$inspect")"
jq -e '.[0].HostConfig.Memory == 268435456 and .[0].HostConfig.PidsLimit == 128' \
  <<<"$inspect" >/dev/null || fail "limits: $(jq -c '.[0].HostConfig | {Memory, PidsLimit}' \
  <<<"$inspect")"
jq -e '.[0].HostConfig.Privileged == false and .[0].HostConfig.NetworkMode != "host"' \
  <<<"$inspect" >/dev/null || fail "privileged or host network"
jq -e '.[0].HostConfig.Init == true' <<<"$inspect" >/dev/null || fail "no --init"
jq -e '.[0].HostConfig.RestartPolicy.Name == "unless-stopped"' <<<"$inspect" >/dev/null ||
  fail "restart policy: $(jq -c '.[0].HostConfig.RestartPolicy' <<<"$inspect")"
if jq -e '.[0].Mounts[] | select(.Source | test("sock"))' <<<"$inspect" >/dev/null; then
  fail "a runtime socket is mounted"
fi
if jq -r '.[0].Config.Cmd // [] | join(" ")' <<<"$inspect" | grep -q "$token_a"; then
  fail "the token is on the container's command line"
fi

echo "== doctor"
fleet doctor || fail "doctor finds a failed check on two healthy cells"
chmod 0755 "$OPENCLAW_STATE_DIR/fleet/cells/$b"
if fleet doctor "$b" >"$work/doctor.txt"; then fail "doctor accepts a cell dir with mode 755"; fi
grep -q 'fail *data dir' "$work/doctor.txt" || fail "doctor: $(cat "$work/doctor.txt")"
chmod 0700 "$OPENCLAW_STATE_DIR/fleet/cells/$b"

echo "== logs are redacted"
logs=$(fleet logs "$a" --tail 50)
if grep -q "$token_a" <<<"$logs"; then fail "logs show the token"; fi

echo "== stop, start"
fleet stop "$a"
fleet list --json | jq -e --arg a "$a" '.[] | select(.tenant == $a) | .state == "exited"' \
  >/dev/null || fail "list does not say exited after stop: $(fleet list)"
fleet start "$a"
wait_for 60 "cell a healthy again" bash -c "\"$openclaw\" fleet status \"$a\" | grep -q '^Health: *ok$'"

echo "== upgrade keeps port, token and --env; a failed one rolls back"
fleet upgrade "$b"
[[ $(http_status "$port_b" "$token_b") != 401 ]] || fail "the upgraded cell lost its token"
podman container inspect "openclaw-cell-$b" | jq -e '.[0].Config.Env | index("FLEET_E2E=kept")' \
  >/dev/null || fail "the upgraded cell lost its --env values"
if podman container exists "openclaw-cell-$b-previous"; then fail "the old container was kept"; fi
expect_refusal "previous container was restored" \
  fleet upgrade "$b" --image "localhost/fleet-e2e-no-such-image:$run_id"
wait_for 60 "cell b healthy after the rollback" curl -sf -m 2 "http://127.0.0.1:$port_b/healthz"
[[ $(http_status "$port_b" "$token_b") != 401 ]] || fail "the restored cell lost its token"
fleet list --json | jq -e --arg b "$b" --arg image "$image" \
  '.[] | select(.tenant == $b) | .image == $image and .state == "running"' >/dev/null ||
  fail "after the rollback list shows: $(fleet list)"

echo "== refusals"
expect_refusal "already has a cell" fleet create "$a" --runtime podman --image "$image"
expect_refusal "invalid tenant id" fleet create "Bad_ID" --runtime podman --image "$image"
expect_refusal "invalid tenant id" fleet create "../acme" --runtime podman --image "$image"
expect_refusal "already belongs to another cell" \
  fleet create "e2e-c-$run_id" --runtime podman --image "$image" --port "$port_a"
expect_refusal "refused with docker" \
  fleet create "e2e-c-$run_id" --runtime docker --network internal --image "$image"
expect_refusal "cannot start with '-'" fleet create "e2e-c-$run_id" --runtime podman --image=-x
expect_refusal "cannot be overridden" fleet create "e2e-c-$run_id" --runtime podman \
  --image "$image" --env OPENCLAW_STATE_DIR=/tmp
expect_refusal "needs --force" fleet rm "$a" --purge-data
expect_refusal "is running" fleet rm "$a"
[[ ! -e "$OPENCLAW_STATE_DIR/fleet/cells/e2e-c-$run_id" ]] || fail "a refused create left state"

echo "== remove"
fleet rm "$a" --purge-data --force
[[ ! -e "$OPENCLAW_STATE_DIR/fleet/cells/$a" ]] || fail "purge left the data dir"
if podman container exists "openclaw-cell-$a"; then fail "container a is still there"; fi
if podman network exists "openclaw-cell-$a"; then fail "network a is still there"; fi
fleet rm "$b" --force
[[ -d "$OPENCLAW_STATE_DIR/fleet/cells/$b" ]] || fail "rm without --purge-data deleted data"
[[ $(fleet list --json | jq length) == 0 ]] || fail "cells left in the registry"
echo "PASS: fleet e2e with podman"
