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
# libFuzzer smoke run (fuzz/README.md): clang build, each target fuzzed for 30 s.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DOPENCLAW_FUZZ=ON \
  -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz
ctest --test-dir build-fuzz --output-on-failure -j2
