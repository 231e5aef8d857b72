#!/usr/bin/env bash
# Runs lintian (default level, the package's own overrides applied) on DEB and fails on any
# error (E:) or warning (W:) line; info and pedantic lines are printed but allowed.
# usage: test-lintian.sh DEB
set -euo pipefail
deb=${1:?usage: $0 DEB}
if ! command -v lintian >/dev/null; then
  printf '\n##  SKIPPED: lintian is not installed (scripts/setup-deps.sh --test installs it)\n\n'
  exit 77
fi
[[ -f $deb ]] || {
  echo "FAIL: no package at $deb" >&2
  exit 1
}
# lintian refuses to run as root unless told it may.
report=$(lintian --allow-root --info "$deb" 2>&1) || true
printf '%s\n' "$report"
if grep -qE '^[EW]: ' <<<"$report"; then
  echo "FAIL: lintian reports errors or warnings for $(basename "$deb")" >&2
  exit 1
fi
echo "PASS: lintian reports no errors or warnings for $(basename "$deb")"
