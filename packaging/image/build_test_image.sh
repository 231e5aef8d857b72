#!/usr/bin/env bash
# CTest fixture container_image: builds IMAGE_REF from OPENCLAW_BINARY with scripts/build-image.sh,
# for the image and fleet tests. Exit 77 (loudly) when podman does not work here.
#
# usage: build_test_image.sh OPENCLAW_BINARY IMAGE_REF WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=packaging/image/podman_lib.sh
source "$here/podman_lib.sh"

[[ $# -eq 3 ]] || fail "usage: $0 OPENCLAW_BINARY IMAGE_REF WORK_DIR"
use_podman "$3"
"$here/../../scripts/build-image.sh" --binary "$1" --tag "$2"
