#!/usr/bin/env bash
# cmake/write_build_commit.cmake: a checkout gets its commit, sources outside a git checkout
# (a release tarball, even unpacked inside another repository) get "unknown", and an unchanged
# commit leaves the generated file untouched (so nothing recompiles).
# usage: test-build-commit.sh SOURCE_DIR
set -euo pipefail
source_dir=$(realpath "${1:?usage: $0 SOURCE_DIR}")
script=$source_dir/cmake/write_build_commit.cmake
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

cmake -DSOURCE_DIR="$source_dir" -DOUTPUT="$work/checkout.cpp" -P "$script"
if git -C "$source_dir" rev-parse HEAD >/dev/null 2>&1; then
  head=$(git -C "$source_dir" rev-parse --short HEAD)
  grep -q "kBuildCommit = \"$head\";" "$work/checkout.cpp" || fail "expected commit $head: $(cat "$work/checkout.cpp")"
fi
touch -d '2000-01-01' "$work/checkout.cpp"
cmake -DSOURCE_DIR="$source_dir" -DOUTPUT="$work/checkout.cpp" -P "$script"
[[ $(stat -c %Y "$work/checkout.cpp") -eq $(date -d 2000-01-01 +%s) ]] ||
  fail "an unchanged commit rewrote the generated file"

# A "tarball": sources without .git, inside a directory that is a git repository itself.
mkdir -p "$work/outer/openclaw-src/cmake"
git -C "$work/outer" init -q
cp "$script" "$work/outer/openclaw-src/cmake/"
cmake -DSOURCE_DIR="$work/outer/openclaw-src" -DOUTPUT="$work/tarball.cpp" -P "$script"
grep -q 'kBuildCommit = "unknown";' "$work/tarball.cpp" || fail "tarball: $(cat "$work/tarball.cpp")"
echo "PASS: the commit is recorded for a checkout and \"unknown\" for a tarball"
