#!/usr/bin/env bash
# Builds the release binary the quick start runs, build-release/src/openclaw (static C and C++
# dependencies, start-up code layout). scripts/quickstart.sh runs it, and so does
# scripts/test.sh, so CI compiles what users run: g++ -O2 warns where the -O0 test build does not.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=OFF >/dev/null
cmake --build build-release --target openclaw
