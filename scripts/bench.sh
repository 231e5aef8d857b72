#!/usr/bin/env bash
# Builds a release binary and the benchmark program, then prints the benchmark table
# (start-up, memory, handshake and RPC latency, event fan-out). Arguments go to openclaw_bench
# (e.g. --runs 20). Numbers are medians; compare runs made on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=ON >/dev/null
cmake --build build-bench --target openclaw openclaw_bench
build-bench/bench/openclaw_bench "$@"
