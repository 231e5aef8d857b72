#!/usr/bin/env bash
# Validates a JSONL log of frames our gateway sent (one JSON object a line) against upstream's
# protocol.schema.json from @openclaw/gateway-protocol, with validate_frames.mjs.
#
# usage: run_frame_validation.sh [--verbose] <frames.jsonl>
#
# Installs the upstream packages first when needed (install.sh; cached). Exit codes: 0 every frame
# valid, 1 a failure, 2 usage, 77 skipped (the upstream packages are not installed and cannot be).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

verbose=()
if [[ "${1:-}" == "--verbose" ]]; then
  verbose=(--verbose)
  shift
fi
if [[ $# -ne 1 ]]; then
  echo "usage: $0 [--verbose] <frames.jsonl>" >&2
  exit 2
fi
frames="$1"
if [[ ! -r "${frames}" ]]; then
  echo "run_frame_validation: cannot read ${frames}" >&2
  exit 1
fi

echo "== install upstream packages (cached)"
interop_install

echo "== validate ${frames} against upstream protocol.schema.json"
exec "${node}" "${script_dir}/validate_frames.mjs" --install-dir "${OPENCLAW_INTEROP_DIR}" \
  "${verbose[@]}" "${frames}"
