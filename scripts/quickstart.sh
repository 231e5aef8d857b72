#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to a running gateway: installs what is missing,
# builds a release binary, and starts the dev instance (loopback, port 19001, a generated token,
# state in ~/.openclaw-dev). Extra arguments go to `openclaw gateway`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=OFF >/dev/null
cmake --build build-release --target openclaw
exec build-release/src/openclaw --dev gateway "$@"
