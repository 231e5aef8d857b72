#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to a running gateway: installs what is missing,
# builds a release binary, installs the official Control UI (when npm and its registry are
# reachable; otherwise the gateway's page at / says how to add it later), and starts the dev
# instance (loopback, port 19001, a generated token, state in ~/.openclaw-dev; open the UI with
# `build-release/src/openclaw --dev dashboard`). Extra arguments go to `openclaw gateway`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
scripts/build-release.sh
scripts/install-control-ui.sh --dest "${OPENCLAW_STATE_DIR:-${HOME}/.openclaw-dev}/control-ui" ||
  echo "quickstart: continuing without the Control UI (install-control-ui.sh exited $?)" >&2
exec build-release/src/openclaw --dev gateway "$@"
