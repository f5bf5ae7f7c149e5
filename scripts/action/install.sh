#!/usr/bin/env bash
# Installs tollgate for the GitHub Action (action.yml): the release binary for this runner, verified
# against the release's SHA256SUMS, or, when no release binary can be had, a build of the action's
# own source with `cargo install --locked`. A checksum that does not match is a hard failure, never a
# reason to fall back.
#
# Environment (set by action.yml):
#   TG_VERSION            release tag (v0.2.0), `latest`, `source` (build the action's source) or
#                         `system` (use the tollgate on PATH); empty: the action's ref when it is a
#                         version tag, a source build when the action is used from a local path
#                         (`uses: ./`, whose releases are then GITHUB_REPOSITORY's), else `latest`
#   TG_ACTION_PATH        the action's checkout (github.action_path)
#   TG_ACTION_REPOSITORY  owner/name of the action (github.action_repository; may be empty)
#   TG_ACTION_REF         ref the action was used at (github.action_ref; may be empty)
#   TOLLGATE_DOWNLOAD_BASE  releases URL, default https://github.com/OWNER/NAME/releases (for
#                         mirrors and tests)
# Outputs (GITHUB_OUTPUT): bin, version, installed-from. The binary's directory is added to GITHUB_PATH.
set -euo pipefail

say() { echo "tollgate-action: $*"; }
error() { echo "::error title=tollgate install::$*"; exit 1; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi; }

action_path=${TG_ACTION_PATH:?TG_ACTION_PATH is not set}
repository=${TG_ACTION_REPOSITORY:-}
ref=${TG_ACTION_REF:-}
version=${TG_VERSION:-}
local_action=false
if [ -z "$repository" ]; then
  if [[ $action_path =~ /_actions/([^/]+)/([^/]+)/(.+)$ ]]; then
    # github.action_repository / action_ref can be empty inside composite actions
    # (actions/runner#2473); a remote action's checkout is .../_actions/OWNER/NAME/REF.
    repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
    ref=${ref:-${BASH_REMATCH[3]}}
  else
    # `uses: ./`: the action is the workflow's own repository, checked out.
    local_action=true
    if [ -n "${GITHUB_WORKSPACE:-}" ] && [[ $action_path == "$GITHUB_WORKSPACE" || $action_path == "$GITHUB_WORKSPACE"/* ]]; then
      repository=${GITHUB_REPOSITORY:-}
    fi
  fi
fi

if [ -z "$version" ]; then
  if [[ $ref =~ ^v[0-9] ]]; then
    version=$ref
  elif [ "$local_action" = true ]; then
    version=source # the checked-out code is what should run
  else
    version=latest
  fi
fi

[[ $version =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || error "not a release tag: '$version'"

root=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tollgate-action
mkdir -p "$root"

finish() { # finish BIN HOW
  local bin=$1 how=$2 printed
  printed=$("$bin" --version) || error "the installed $bin does not run"
  say "$printed ($how)"
  if [[ $version =~ ^v([0-9]+\.[0-9]+\.[0-9]+.*)$ ]] && [[ $printed != "tollgate ${BASH_REMATCH[1]} "* ]]; then
    echo "::warning title=tollgate install::asked for $version, the binary says: $printed"
  fi
  output bin "$bin"
  output version "$printed"
  output installed-from "$how"
  if [ -n "${GITHUB_PATH:-}" ]; then dirname "$bin" >> "$GITHUB_PATH"; fi
  exit 0
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | awk '{print $1}'
  else
    error "neither sha256sum nor shasum is available to verify the download"
  fi
}

build_from_source() { # build_from_source REASON
  say "building tollgate from $action_path with cargo: $1"
  command -v cargo >/dev/null 2>&1 \
    || error "no release binary ($1) and no cargo to build one; install Rust or set 'version'"
  [ -f "$action_path/Cargo.toml" ] || error "no Cargo.toml in $action_path to build tollgate from"
  echo "::group::cargo install --locked --path $action_path"
  CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/cargo-target} \
    cargo install --locked --root "$root/source" --path "$action_path" \
    || { echo "::endgroup::"; error "cargo install failed"; }
  echo "::endgroup::"
  finish "$root/source/bin/tollgate" source
}

case $version in
  system)
    bin=$(command -v tollgate) || error "version: system, but there is no tollgate on PATH"
    finish "$bin" system ;;
  source)
    build_from_source "version: source" ;;
esac

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  *) build_from_source "no release binary for $os/$arch" ;;
esac
[ -n "$repository" ] || build_from_source "the action's repository is not known"

asset="tollgate-$target.tar.gz"
base=${TOLLGATE_DOWNLOAD_BASE:-https://github.com/$repository/releases}
if [ "$version" = latest ]; then url="$base/latest/download"; else url="$base/download/$version"; fi
dir="$root/release-$version-$target"
rm -rf "$dir"
mkdir -p "$dir"
fetch() { curl --fail --silent --show-error --location --retry 3 --connect-timeout 30 -o "$2" "$1"; }
say "downloading $url/$asset"
if ! fetch "$url/$asset" "$dir/$asset" || ! fetch "$url/SHA256SUMS" "$dir/SHA256SUMS"; then
  build_from_source "could not download $asset and SHA256SUMS of release $version"
fi

# Fail closed from here on: a release that exists but does not verify is not replaced by a build.
expected=$(awk -v f="$asset" '$2 == f || $2 == "*" f { print $1; exit }' "$dir/SHA256SUMS")
[ -n "$expected" ] || error "SHA256SUMS of release $version has no line for $asset"
actual=$(sha256 "$dir/$asset")
[ "$actual" = "$expected" ] \
  || error "checksum mismatch for $asset of release $version: expected $expected, got $actual"
say "sha256 $actual verified against SHA256SUMS"
mkdir -p "$dir/x"
tar -xzf "$dir/$asset" -C "$dir/x"
for candidate in "$dir/x/tollgate-$target/tollgate" "$dir/x/tollgate"; do
  if [ -f "$candidate" ]; then
    mkdir -p "$dir/bin"
    mv "$candidate" "$dir/bin/tollgate"
    chmod +x "$dir/bin/tollgate"
    finish "$dir/bin/tollgate" release
  fi
done
error "$asset of release $version holds no tollgate binary"
