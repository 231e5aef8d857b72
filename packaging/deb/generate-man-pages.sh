#!/usr/bin/env bash
# Writes openclaw(1) and one page per top-level command (openclaw-gateway(1), ...) into OUT_DIR,
# gzip -9n, generated with help2man from the binary's own --help output, so the pages say what
# the binary does. The top-level commands are read from the "Subcommands:" list of
# `openclaw --help`. Run at package-build time by packaging/CMakeLists.txt.
#
# usage: generate-man-pages.sh OPENCLAW_BINARY VERSION OUT_DIR
set -euo pipefail

[[ $# -eq 3 ]] || {
  echo "usage: $0 OPENCLAW_BINARY VERSION OUT_DIR" >&2
  exit 2
}
binary=$(realpath "$1")
version=$2
out=$3
command -v help2man >/dev/null || {
  echo "help2man is missing (Debian package help2man; scripts/setup-deps.sh --test)" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

# help2man names the page after the program it runs: a wrapper per command, named as the page.
# Its --help output's first line (the command's description) becomes the NAME line.
page() {
  local name=$1 description=$2
  shift 2
  local wrapper="$work/$name"
  printf '#!/bin/sh\nexec %q %s "$@"\n' "$binary" "$*" >"$wrapper"
  chmod +x "$wrapper"
  help2man --no-info --no-discard-stderr --section=1 --source="openclaw $version" \
    --version-string="$version" --name="$description" --output="$work/$name.1" "$wrapper"
  # A reproducible page: help2man stamps the month it ran; the package's date is fixed.
  gzip -9n <"$work/$name.1" >"$out/$name.1.gz"
}

# NAME lines: the description up to its first period or colon, as man pages have them.
summary() { sed -e 's/[.:] .*//' -e 's/\.$//' | head -c 200; }

help=$("$binary" --help)
page openclaw "$(printf '%s\n' "$help" | head -1 | summary)"
printf '%s\n' "$help" | awk '/^Subcommands:/ { list = 1; next } list && /^  [a-z]/ { sub(/,$/, "", $1); print $1 }' |
  while read -r command; do
    description=$("$binary" "$command" --help | head -1 | summary)
    page "openclaw-$command" "$description" "$command"
  done
ls "$out"
