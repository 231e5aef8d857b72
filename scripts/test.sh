#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to the whole test suite: installs what is missing,
# builds with AddressSanitizer + UndefinedBehaviorSanitizer, and runs unit, end-to-end and
# interop tests through CTest. Extra arguments go to ctest (e.g. -R e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh --test
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPENCLAW_SANITIZE=ON >/dev/null
cmake --build build-test
ctest --test-dir build-test --output-on-failure --timeout 600 "$@"
