#!/usr/bin/env bash
# Cross-builds the arm64 (aarch64) Release binary and the unit tests into build-arm64/ with
# Debian's cross compiler and the multiarch arm64 dev packages (scripts/setup-deps.sh --arm64).
# Release as in scripts/build-release.sh (static C and C++ dependencies, start-up code layout);
# the unit tests run under qemu-user: ctest --test-dir build-arm64 -L unit.
# Extra arguments go to the build (e.g. -j1). The gateway is built first, so it is usable while
# the unit tests still compile.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build-arm64 -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/aarch64-linux-gnu.cmake" \
  -DOPENCLAW_BUILD_TESTS=ON -DOPENCLAW_BUILD_BENCH=OFF >/dev/null
cmake --build build-arm64 --target openclaw "$@"
cmake --build build-arm64 --target openclaw_unit_tests "$@"
