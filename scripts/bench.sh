#!/usr/bin/env bash
# Builds a release binary and the benchmark program, installs the reference gateway (Node 24 and
# npm openclaw, cached; see tests/interop/install.sh) unless --no-reference, then prints the
# benchmark tables (bench/README.md explains them).
#
# usage: scripts/bench.sh [--runs N] [--no-reference] [--max-connections N]
# BENCH_BUILD_DIR picks the build directory (default build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BENCH_BUILD_DIR:-build-bench}"
reference=1
bench_args=()
while (($# > 0)); do
  case "$1" in
    --no-reference) reference=0 ;;
    --runs | --max-connections)
      (($# >= 2)) || { echo "bench.sh: $1 needs a value" >&2; exit 2; }
      bench_args+=("$1" "$2")
      shift
      ;;
    *) echo "usage: scripts/bench.sh [--runs N] [--no-reference] [--max-connections N]" >&2; exit 2 ;;
  esac
  shift
done

scripts/setup-deps.sh
cmake -S . -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCLAW_BUILD_TESTS=OFF -DOPENCLAW_BUILD_BENCH=ON >/dev/null
cmake --build "${build_dir}" --target openclaw openclaw_bench

if ((reference)); then
  install_rc=0
  tests/interop/install.sh || install_rc=$?
  if ((install_rc == 0)); then
    bench_args+=(--reference-dir "${OPENCLAW_INTEROP_DIR:-build/interop}")
  elif ((install_rc == 77)); then
    bench_args+=(--reference-skipped "npm unreachable")
  else
    bench_args+=(--reference-skipped "tests/interop/install.sh failed (exit ${install_rc})")
  fi
else
  bench_args+=(--reference-skipped "--no-reference")
fi

"${build_dir}/bench/openclaw_bench" "${bench_args[@]}"
