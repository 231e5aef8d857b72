#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to a running gateway: installs what is missing,
# builds a release binary, and starts the dev instance (loopback, port 19001, a generated token,
# state in ~/.openclaw-dev). Extra arguments go to `openclaw gateway`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
scripts/build-release.sh
exec build-release/src/openclaw --dev gateway "$@"
