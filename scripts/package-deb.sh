#!/usr/bin/env bash
# Builds the Debian package of the release binary: scripts/build-release.sh, then the man pages
# and completion scripts generated from that binary, then `cpack -G DEB` (packaging/CMakeLists.txt).
# Prints the path of the .deb on stdout (build-release/packages/openclaw_<version>-1_<arch>.deb);
# the build log goes to stderr.
# Needs help2man and dpkg-dev (scripts/setup-deps.sh --test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
scripts/build-release.sh >&2
cmake --build build-release --target openclaw_deb | tee /dev/stderr |
  sed -n 's/^Debian package: //p' | tail -1
