#!/usr/bin/env bash
# One command from a fresh Debian 12 checkout to the whole test suite: installs what is missing,
# builds with AddressSanitizer + UndefinedBehaviorSanitizer, runs unit, end-to-end and interop
# tests through CTest, builds the quick start's release binary, then a libFuzzer smoke run of
# each fuzz target (clang build). Extra arguments go to the first ctest (e.g. -R e2e). Each
# stage's time is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

# ccache (installed by setup-deps) keys objects by paths relative to the checkout, so a second
# clone or worktree on this machine reuses the objects the first one compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
jobs=$(nproc)

stages=()
report() {
  local status=$?
  echo
  echo "Stage times (scripts/test.sh):"
  printf '  %s\n' "${stages[@]}"
  return $status
}
trap report EXIT
# stage NAME COMMAND...: runs the command and records how long it took.
stage() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  stages+=("$(printf '%-24s %4d:%02d' "$name" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)))")
}

stage "packages" scripts/setup-deps.sh --test
stage "configure (ASan)" cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DOPENCLAW_SANITIZE=ON >/dev/null
stage "build (ASan)" cmake --build build-test
# Every CTest test starts its own processes on ports it picked itself, so two run at once (the
# interop tests share one npm install and take turns through a resource lock).
stage "ctest (ASan)" ctest --test-dir build-test --output-on-failure --timeout 600 -j"$jobs" "$@"
# The quick start's release build: the binary users run must compile too (-O2 warnings).
stage "build (release)" scripts/build-release.sh
# What is built from the release binary (the .deb, the container image, fleet cells), tested.
stage "ctest (packaging)" ctest --test-dir build-release --output-on-failure -L packaging
# The arm64 cross build (docs/install.md, "arm64 (cross build)"): the Release gateway and the
# unit tests, which CTest runs under qemu-user, and the gateway itself under QEMU answering the
# release binary (label arm64).
stage "build (arm64)" scripts/build-arm64.sh
stage "ctest (arm64, qemu)" ctest --test-dir build-arm64 --output-on-failure -L 'unit|arm64' \
  -j"$jobs"
# libFuzzer smoke run (fuzz/README.md): clang build, each target fuzzed for 30 s.
stage "configure (fuzz)" env CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja \
  -DOPENCLAW_FUZZ=ON -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=OFF >/dev/null
stage "build (fuzz)" cmake --build build-fuzz
stage "ctest (fuzz)" ctest --test-dir build-fuzz --output-on-failure -j"$jobs"
