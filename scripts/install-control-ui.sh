#!/usr/bin/env bash
# Installs the official OpenClaw Control UI — the built files dist/control-ui/ of the npm package
# openclaw@2026.9.6 — where the gateway serves them from (docs/control-ui.md).
#
# usage: scripts/install-control-ui.sh [--dest DIR | --share [PREFIX]] [--force]
#   (default)      ${OPENCLAW_STATE_DIR:-~/.openclaw}/control-ui, the gateway's default root
#   --dest DIR     any directory (then set gateway.controlUi.root to it, unless it is a default)
#   --share PREFIX PREFIX/share/openclaw/control-ui (PREFIX defaults to /usr/local), the root an
#                  installed binary looks at after the state dir (for packaging / cmake --install)
#   --force        reinstall even when the version stamp says it is up to date
#
# The Debian package installs this script as /usr/share/openclaw/install-control-ui.sh: run it as
# the user whose gateway should serve the UI (default destination), or with sudo and --share for
# /usr/local/share/openclaw/control-ui, which every user's packaged gateway serves as well.
#
# The package tarball is fetched once with `npm pack` into
# ${OPENCLAW_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/openclaw} and checked against the registry's
# dist.integrity (sha512); later runs reuse it without the network. Only package/dist/control-ui/
# is unpacked; the target is replaced as a whole (never half-written) and gets a VERSION stamp
# ("openclaw@2026.9.6 <integrity>"). Running it again is a no-op.
#
# Exit codes: 0 installed (or already installed), 77 npm missing or the registry unreachable,
# anything else a real failure.
set -euo pipefail

readonly VERSION="2026.9.6"
readonly SPEC="openclaw@${VERSION}"
readonly TARBALL="openclaw-${VERSION}.tgz"
readonly REGISTRY_TIMEOUT_S="${OPENCLAW_UI_REGISTRY_TIMEOUT:-60}"
readonly PACK_TIMEOUT_S="${OPENCLAW_UI_PACK_TIMEOUT:-600}"

log() { printf '[install-control-ui] %s\n' "$*"; }
die() {
  log "ERROR: $*"
  exit 1
}
unreachable() {
  printf '\n################################################################################\n'
  printf '##  CONTROL UI NOT INSTALLED: %s\n' "$*"
  printf '##  The gateway still runs; its page at / explains how to install the UI later.\n'
  printf '################################################################################\n\n'
  exit 77
}

dest="${OPENCLAW_STATE_DIR:-${HOME}/.openclaw}/control-ui"
force=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dest)
      [[ $# -ge 2 && -n "$2" ]] || die "--dest needs a directory"
      dest="$2"
      shift 2
      ;;
    --share)
      prefix="/usr/local"
      if [[ $# -ge 2 && "$2" != --* ]]; then
        prefix="$2"
        shift
      fi
      dest="${prefix}/share/openclaw/control-ui"
      shift
      ;;
    --force)
      force=1
      shift
      ;;
    -h | --help)
      sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
case "${dest}" in
  "~"/*) dest="${HOME}/${dest#"~/"}" ;;
esac

cache_dir="${OPENCLAW_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/openclaw}"
tarball="${cache_dir}/${TARBALL}"
integrity_file="${tarball}.integrity"  # the registry's dist.integrity, recorded at download

sha512_of() { printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# The stamp names the exact package and its integrity; index.html must still be there.
if [[ ${force} -eq 0 && -f "${dest}/index.html" && -f "${dest}/VERSION" && -f "${integrity_file}" ]] &&
  [[ "$(cat "${dest}/VERSION")" == "${SPEC} $(cat "${integrity_file}")" ]]; then
  log "up to date: ${dest} ($(cat "${dest}/VERSION"))"
  exit 0
fi

mkdir -p "${cache_dir}"
if [[ -f "${tarball}" && -f "${integrity_file}" ]] &&
  [[ "$(sha512_of "${tarball}")" == "$(cat "${integrity_file}")" ]]; then
  log "using the cached ${tarball}"
else
  command -v npm >/dev/null 2>&1 || unreachable "npm not found on PATH (needed once to fetch ${SPEC})"
  log "asking the npm registry for ${SPEC} (timeout ${REGISTRY_TIMEOUT_S}s)"
  expected="$(timeout "${REGISTRY_TIMEOUT_S}" npm view "${SPEC}" dist.integrity 2>/dev/null)" ||
    unreachable "npm registry unreachable (npm view ${SPEC} dist.integrity failed)"
  [[ "${expected}" == sha512-* ]] || unreachable "npm view ${SPEC} gave no sha512 integrity"
  scratch="$(mktemp -d "${cache_dir}/pack.XXXXXX")"
  trap 'rm -rf "${scratch}"' EXIT
  log "fetching ${SPEC} with npm pack (about 60 MB)"
  (cd "${scratch}" && timeout "${PACK_TIMEOUT_S}" npm pack "${SPEC}" --silent >/dev/null) ||
    unreachable "npm pack ${SPEC} failed"
  [[ -f "${scratch}/${TARBALL}" ]] || die "npm pack did not produce ${TARBALL}"
  actual="$(sha512_of "${scratch}/${TARBALL}")"
  [[ "${actual}" == "${expected}" ]] ||
    die "integrity mismatch for ${TARBALL}: registry says ${expected}, the file is ${actual}"
  mv -f "${scratch}/${TARBALL}" "${tarball}"
  printf '%s' "${expected}" >"${integrity_file}"
  log "cached ${tarball} (${expected})"
fi
integrity="$(cat "${integrity_file}")"

# Unpack next to the target, then swap it in: a reader never sees a half-written UI.
parent="$(dirname "${dest}")"
mkdir -p "${parent}"
staging="$(mktemp -d "${parent}/.control-ui.new.XXXXXX")"
trap 'rm -rf "${staging}" "${scratch:-}"' EXIT
tar -xzf "${tarball}" -C "${staging}" package/dist/control-ui ||
  die "${TARBALL} has no package/dist/control-ui/"
ui="${staging}/package/dist/control-ui"
[[ -f "${ui}/index.html" ]] || die "${TARBALL} has no dist/control-ui/index.html"
[[ -d "${ui}/assets" ]] || die "${TARBALL} has no dist/control-ui/assets/"
printf '%s %s\n' "${SPEC}" "${integrity}" >"${ui}/VERSION"
chmod -R u+rwX,go+rX "${ui}"

old=""
if [[ -e "${dest}" ]]; then
  old="${staging}/old"
  mv "${dest}" "${old}"
fi
mv "${ui}" "${dest}"
log "installed ${SPEC} Control UI into ${dest} ($(find "${dest}" -type f | wc -l) files)"
log "the gateway serves it at http://127.0.0.1:<port>/ (no restart needed); see 'openclaw dashboard'"
