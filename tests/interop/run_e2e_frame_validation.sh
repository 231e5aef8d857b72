#!/usr/bin/env bash
# Validates every frame the e2e tests received (recorded under the directory given, one
# frames-<pid>.jsonl per test process) against upstream's protocol.schema.json.
# Exit 77 (skip) when the interop packages cannot be installed.
set -euo pipefail

frames_dir="${1:?usage: run_e2e_frame_validation.sh <frames-dir>}"
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${script_dir}/lib.sh"

shopt -s nullglob
files=("$frames_dir"/frames-*.jsonl)
if ((${#files[@]} == 0)); then
  echo "no recorded e2e frames in $frames_dir: run the e2e tests first" >&2
  exit 1
fi
combined="$(mktemp)"
trap 'rm -f "$combined"' EXIT
cat "${files[@]}" >"$combined"
echo "validating $(wc -l <"$combined") frames recorded by ${#files[@]} e2e test processes"
"${interop_dir}/run_frame_validation.sh" "$combined"
