#!/usr/bin/env bash
# Builds the openclaw container image (packaging/Containerfile) from the release binary with
# podman, or buildah when podman is missing: a `FROM scratch` image of the binary, glibc, a CA
# bundle, zoneinfo and a non-root user (docs/install.md, "Container image"). Nothing is pulled.
#
# usage: scripts/build-image.sh [--binary PATH] [--tag REF]...
#   --binary PATH  the openclaw binary to ship (default: build-release/src/openclaw, built with
#                  scripts/build-release.sh when missing)
#   --tag REF      name the image REF; repeatable (default: localhost/openclaw:<version> and
#                  localhost/openclaw:latest)
# Prints the tags, the image id and its size. CONTAINERS_CONF and the other podman/buildah
# settings of the environment apply.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

binary=""
tags=()
while (($#)); do
  case $1 in
    --binary)
      binary=${2:?--binary needs a path}
      shift 2
      ;;
    --tag)
      tags+=("${2:?--tag needs an image reference}")
      shift 2
      ;;
    -h | --help)
      sed -n '2,12s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "build-image: unknown argument '$1' (see --help)" >&2
      exit 2
      ;;
  esac
done

if [[ -z $binary ]]; then
  binary=$repo/build-release/src/openclaw
  [[ -x $binary ]] || "$repo/scripts/build-release.sh"
fi
[[ -x $binary ]] || {
  echo "build-image: $binary is not an executable" >&2
  exit 1
}

if command -v podman >/dev/null; then
  builder=(podman build)
elif command -v buildah >/dev/null; then
  builder=(buildah build)
else
  echo "build-image: neither podman nor buildah is installed (apt-get install podman)" >&2
  exit 1
fi

# "openclaw 2026.9.6 ..." -> 2026.9.6
version=$("$binary" --version | awk 'NR == 1 { print $2 }')
[[ -n $version ]] || {
  echo "build-image: $binary --version printed no version" >&2
  exit 1
}
((${#tags[@]})) || tags=("localhost/openclaw:$version" "localhost/openclaw:latest")

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
"$repo/packaging/image/stage-context.sh" "$binary" "$context"

tag_args=()
for tag in "${tags[@]}"; do tag_args+=(--tag "$tag"); done
"${builder[@]}" --quiet --format docker --file "$repo/packaging/Containerfile" \
  --label "org.opencontainers.image.title=openclaw" \
  --label "org.opencontainers.image.version=$version" \
  --label "org.opencontainers.image.description=OpenClaw Gateway (native C++ implementation)" \
  "${tag_args[@]}" "$context" >/dev/null

echo "Built ${tags[*]}"
"${builder[0]}" images "${tags[0]}"
