#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build openclaw (and, with --test, to test it).
# Idempotent: only missing packages are installed; needs root or sudo when something is missing.
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config ccache libboost-dev libssl-dev libsqlite3-dev
          nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev curl clang-14 libclang-rt-14-dev)
  # The IRC channel tests run their own ngircd (an IRC server) on free ports.
  packages+=(ngircd)
  # The Control UI browser suite drives Debian's chromium (puppeteer-core downloads no browser);
  # the TUI suite runs the official terminal UI inside tmux.
  packages+=(chromium fonts-dejavu-core tmux)
  # When a spawned openclaw hangs, the e2e harness puts its thread stacks in the failure message.
  packages+=(gdb)
  # The interop suite needs npm to fetch Node 24 and the official CLI from the npm registry.
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  # The trusted-proxy tests run nginx (unpacked below, not installed); these are its libraries.
  packages+=(libpcre2-8-0 zlib1g libssl3)
  # The container image: built FROM scratch and run with podman (runc: crun refuses cgroup v1
  # hybrid hosts), or built with buildah; its root filesystem takes the CA bundle and zoneinfo
  # from these packages, and the test checks /healthz from the host with curl.
  packages+=(podman runc buildah ca-certificates tzdata)
  # The .deb (packaging/): help2man writes its man pages, dpkg-dev's dpkg-shlibdeps its Depends,
  # binutils strips the binary, lintian checks the package and debootstrap makes the fresh
  # Debian 12 it is installed on; zsh and fish run the completion scripts' tests.
  packages+=(help2man dpkg-dev binutils lintian debootstrap zsh fish)
fi
# The `openclaw fleet` end-to-end test (packaging/fleet/) runs cells with podman (runc as the OCI
# runtime, catatonit for --init) and reads container inspect output with jq.
if [[ "${1:-}" == "--test" ]]; then
  packages+=(podman runc catatonit jq)
fi

# valijson (the protocol schema validator) is header-only, but Debian's libvalijson-dev depends on
# the headers of every JSON library it has an adapter for (Qt5, Poco, yaml-cpp, ...: 77 packages).
# Only its headers are needed, so its .deb is fetched and unpacked into .deps/ in the checkout,
# where CMake looks first; nothing is installed system-wide.
valijson_dir=.deps/valijson
fetch_valijson() {
  [[ -f /usr/include/valijson/validator.hpp || -f $valijson_dir/usr/include/valijson/validator.hpp ]] &&
    return 0
  local download
  download=$(mktemp -d)
  if ! (cd "$download" && apt-get download libvalijson-dev >/dev/null 2>&1); then
    "${sudo[@]}" apt-get update -qq
    (cd "$download" && apt-get download libvalijson-dev >/dev/null)
  fi
  rm -rf "$valijson_dir"
  mkdir -p "$valijson_dir"
  dpkg-deb -x "$download"/libvalijson-dev_*.deb "$valijson_dir"
  rm -rf "$download"
  echo "Unpacked valijson's headers into $valijson_dir"
}

# The trusted-proxy tests put Debian's nginx in front of the gateway (tests/support/nginx_proxy.h),
# run unprivileged from the test. Installing the package would start a system-wide nginx on
# port 80, so its .deb is unpacked into .deps/nginx instead, where the tests look first.
nginx_dir=.deps/nginx
fetch_nginx() {
  [[ "${1:-}" == "--test" ]] || return 0
  [[ -x $nginx_dir/usr/sbin/nginx ]] && return 0
  local download
  download=$(mktemp -d)
  if ! (cd "$download" && apt-get download nginx >/dev/null 2>&1); then
    "${sudo[@]}" apt-get update -qq
    (cd "$download" && apt-get download nginx >/dev/null)
  fi
  rm -rf "$nginx_dir"
  mkdir -p "$nginx_dir"
  dpkg-deb -x "$download"/nginx_*.deb "$nginx_dir"
  rm -rf "$download"
  echo "Unpacked nginx into $nginx_dir"
}

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo=(sudo)
fi

# arm64 cross build (--arm64, implied by --test so CI has it): scripts/build-arm64.sh with
# cmake/toolchains/aarch64-linux-gnu.cmake. Debian's cross compiler, user-mode QEMU to run the
# arm64 tests, and the arm64 dev packages through multiarch (arm64 added as a foreign
# architecture). The header-only arch-all packages (nlohmann-json3-dev, libcli11-dev) serve both
# architectures. The arm64 libraries are "Multi-Arch: same": they co-install with their amd64
# twins only at the same version, so when the archive has a newer one apt upgrades the amd64 twin
# (libssl-dev, linux-libc-dev ...) in the same transaction; a held amd64 package blocks that
# (apt-mark unhold it, or the install fails with "but ... is to be installed").
install_arm64() {
  [[ " $* " == *" --arm64 "* || " $* " == *" --test "* ]] || return 0
  local wanted=(g++-aarch64-linux-gnu qemu-user-static) missing_arm64=() package
  for package in libboost-dev libssl-dev libsqlite3-dev libspdlog-dev libfmt-dev libgtest-dev \
    libgmock-dev; do
    wanted+=("$package:arm64")
  done
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
  fi
  for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing_arm64+=("$package")
    fi
  done
  ((${#missing_arm64[@]} == 0)) && return 0
  echo "Installing the arm64 cross build's packages: ${missing_arm64[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing_arm64[@]}"
}
install_arm64 "$@"

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  fetch_valijson
  fetch_nginx "${1:-}"
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"

# Debian starts a system-wide ngircd on port 6667 after installing it; the tests do not need it
# and nothing else here should listen there, so it is stopped and kept from starting at boot.
if [[ " ${missing[*]} " == *" ngircd "* ]] && command -v systemctl >/dev/null 2>&1 &&
  [[ -d /run/systemd/system ]]; then
  "${sudo[@]}" systemctl disable --now ngircd || true
fi
fetch_valijson
fetch_nginx "${1:-}"
