#!/usr/bin/env bash
# Tests the GitHub Action's scripts (scripts/action/install.sh and scan.sh, as action.yml runs them)
# outside GitHub: a fake runner environment (GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY,
# RUNNER_TEMP), releases served from a local directory through file:// URLs, and a stand-in `cargo`
# that records the source build the action falls back to.
# Usage: scripts/test-action.sh [path/to/tollgate]   (default ${CARGO_TARGET_DIR:-target}/debug/tollgate, built if missing)
#
# check() evaluates its expression after the run it inspects, so single quotes are meant:
# shellcheck disable=SC2016
set -euo pipefail
cd "$(dirname "$0")/.."
repo_dir=$PWD
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/tollgate}
[ -x "$bin" ] || cargo build --quiet
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-action-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
checks=0
ok() { checks=$((checks + 1)); echo "  ok: $*"; }
bad() { checks=$((checks + 1)); failures=$((failures + 1)); echo "  FAIL: $*"; sed 's/^/    | /' "$work/log"; }
# check DESCRIPTION EXPRESSION: a shell expression (tests, grep, &&) on the last run's results
check() { if eval "$2" >/dev/null 2>&1; then ok "$1"; else bad "$1"; fi; }
out() { grep -E "^$1=" "$work/github_output" | tail -n 1 | cut -d= -f2-; }

# A fresh fake runner for each run; the step's environment comes from the caller's TG_* variables.
runner() {
  rm -rf "$work/runner"
  mkdir -p "$work/runner/temp"
  : > "$work/github_output"; : > "$work/github_path"; : > "$work/summary"
  export GITHUB_OUTPUT="$work/github_output" GITHUB_PATH="$work/github_path"
  export GITHUB_STEP_SUMMARY="$work/summary" RUNNER_TEMP="$work/runner/temp"
}
install() { # install [VAR=VALUE]...: runs install.sh; exit code in $rc, output in $work/log
  runner
  set +e
  env TG_ACTION_PATH="$repo_dir" TG_ACTION_REPOSITORY=acme/tollgate TG_ACTION_REF= TG_VERSION= \
    TOLLGATE_DOWNLOAD_BASE="file://$work/releases" PATH="$work/fake-cargo:$PATH" "$@" \
    bash scripts/action/install.sh > "$work/log" 2>&1
  rc=$?
  set -e
}
scan() { # scan DIR [VAR=VALUE]...: runs scan.sh in DIR; exit code in $rc, output in $work/log
  local dir=$1; shift
  runner
  set +e
  (cd "$dir" && env TG_BIN="$bin" TG_PATHS=. TG_POLICY= TG_EXCEPTIONS= TG_CONFIG= \
    TG_FORMAT="$format" TG_SARIF=tollgate.sarif TG_SUMMARY="$summary" TG_FAIL_ON=block TG_ARGS= "$@" \
    bash "$repo_dir/scripts/action/scan.sh") > "$work/log" 2>&1
  rc=$?
  set -e
}

echo "tollgate under test: $bin ($("$bin" --version))"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64) target=aarch64-apple-darwin ;;
  *) echo "no release target for this machine"; exit 2 ;;
esac
if command -v sha256sum >/dev/null 2>&1; then sha() { sha256sum "$@"; }; else sha() { shasum -a 256 "$@"; }; fi

# Releases as release.yml lays them out: tollgate-TARGET.tar.gz holding tollgate-TARGET/tollgate.
make_release() { # make_release TAG
  local dir="$work/releases/download/$1"
  mkdir -p "$dir" "$work/pkg/tollgate-$target"
  cp "$bin" "$work/pkg/tollgate-$target/tollgate"
  tar -czf "$dir/tollgate-$target.tar.gz" -C "$work/pkg" "tollgate-$target"
  (cd "$dir" && sha "tollgate-$target.tar.gz" > SHA256SUMS)
}
make_release v0.1.0
mkdir -p "$work/releases/latest"
cp -r "$work/releases/download/v0.1.0" "$work/releases/latest/download"
make_release v0.0.9-tampered
echo "0000000000000000000000000000000000000000000000000000000000000000  tollgate-$target.tar.gz" \
  > "$work/releases/download/v0.0.9-tampered/SHA256SUMS"
make_release v0.0.8-nosum
echo "0000000000000000000000000000000000000000000000000000000000000000  tollgate-other.tar.gz" \
  > "$work/releases/download/v0.0.8-nosum/SHA256SUMS"

# Stand-in cargo: records its arguments and "installs" the binary under test.
mkdir -p "$work/fake-cargo"
cat > "$work/fake-cargo/cargo" <<EOF
#!/usr/bin/env bash
echo "\$*" > "$work/cargo-args"
root=
while [ \$# -gt 0 ]; do [ "\$1" = --root ] && root=\$2; shift; done
mkdir -p "\$root/bin" && cp "$bin" "\$root/bin/tollgate"
EOF
chmod +x "$work/fake-cargo/cargo"

echo "install.sh"
rm -f "$work/cargo-args"
install TG_VERSION=v0.1.0
check "a release tag downloads, verifies and installs (exit $rc)" '[ "$rc" = 0 ]'
check "installed-from=release" '[ "$(out installed-from)" = release ]'
check "the bin output runs" '"$(out bin)" --version'
check "its directory is added to GITHUB_PATH" 'grep -qx "$(dirname "$(out bin)")" "$work/github_path"'
check "the checksum is reported as verified" 'grep -q "verified against SHA256SUMS" "$work/log"'
check "no source build" '[ ! -e "$work/cargo-args" ]'

install TG_VERSION=latest
check "latest downloads from releases/latest/download" '[ "$rc" = 0 ] && [ "$(out installed-from)" = release ]'

install TG_ACTION_REF=v0.1.0
check "without version, a version-tag ref is the release" 'grep -q "download/v0.1.0/tollgate-$target" "$work/log"'

install TG_ACTION_REF=main
check "without version, a branch ref takes latest" 'grep -q "latest/download/tollgate-$target" "$work/log"'

mkdir -p "$work/runner-work/_actions/acme/tollgate/v0.1.0"
install TG_ACTION_REPOSITORY= TG_ACTION_PATH="$work/runner-work/_actions/acme/tollgate/v0.1.0"
check "empty github.action_repository/ref: read from the action's path" \
  'grep -q "download/v0.1.0/tollgate-$target" "$work/log"'

rm -f "$work/cargo-args"
install TG_VERSION=v0.0.9-tampered
check "a checksum mismatch fails the install (exit $rc)" '[ "$rc" != 0 ]'
check "... with an error annotation" 'grep -q "::error title=tollgate install::checksum mismatch" "$work/log"'
check "... and no source build in its place" '[ ! -e "$work/cargo-args" ]'
check "... and no bin output" '[ -z "$(out bin)" ]'

install TG_VERSION=v0.0.8-nosum
check "SHA256SUMS without the asset fails the install (exit $rc)" \
  'grep -q "has no line for tollgate-$target.tar.gz" "$work/log"'

rm -f "$work/cargo-args"
install TG_VERSION=v9.9.9
check "a release that does not exist falls back to a source build (exit $rc)" \
  '[ "$rc" = 0 ] && [ "$(out installed-from)" = source ]'
check "... with cargo install --locked --path <action path>" \
  'grep -q -- "install --locked --root .* --path $repo_dir" "$work/cargo-args"'
check "... and warns that the binary is not the version asked for" 'grep -q "::warning" "$work/log"'

rm -f "$work/cargo-args"
install TG_ACTION_REPOSITORY= TG_ACTION_REF= GITHUB_WORKSPACE="$repo_dir" GITHUB_REPOSITORY=acme/tollgate
check "a local action (uses: ./) builds its source" '[ "$(out installed-from)" = source ]'
install TG_ACTION_REPOSITORY= TG_ACTION_REF= GITHUB_WORKSPACE="$repo_dir" GITHUB_REPOSITORY=acme/tollgate \
  TG_VERSION=v0.1.0
check "... and with a version, downloads the workflow repository's release" \
  '[ "$(out installed-from)" = release ]'

mkdir -p "$work/system-bin"
ln -s "$bin" "$work/system-bin/tollgate"
install TG_VERSION=system PATH="$work/system-bin:$PATH"
check "version: system uses the tollgate on PATH" '[ "$(out bin)" = "$work/system-bin/tollgate" ]'

install TG_VERSION=../../etc
check "a version that is not a tag name is refused (exit $rc)" '[ "$rc" = 1 ] && grep -q "not a release tag" "$work/log"'

install TG_VERSION=v9.9.9 PATH=/usr/bin:/bin
check "no release and no cargo: the install fails with an explanation" \
  'grep -q "no cargo to build one" "$work/log"'

echo "scan.sh"
if "$bin" scan --help | grep -q 'github'; then
  format=github summary=true
else
  format=human summary=false
  echo "  (this tollgate has no --format github yet: scanning with human output and no job summary)"
fi
mkdir -p "$work/repo/clean dir" "$work/repo/broken" "$work/repo/policy" "$work/repo/warn"
cp -r examples "$work/repo/examples"
awk '/^const CLEAN_POD/ { sub(/^[^"]*"/, ""); sub(/";$/, ""); gsub(/\\n/, "\n"); printf "%s", $0 }' \
  tests/cli.rs > "$work/repo/clean dir/pod.yaml"
grep -q "kind: Pod" "$work/repo/clean dir/pod.yaml"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n' > "$work/repo/broken/bad.yaml"
cat > "$work/repo/policy/warn.rego" <<'EOF'
package main

warn contains msg if {
  input.kind == "Pod"
  not input.metadata.labels.team
  msg := "Pod has no team label"
}
EOF
cp "$work/repo/clean dir/pod.yaml" "$work/repo/warn/pod.yaml"
git -C "$work/repo" init --quiet

scan "$work/repo" TG_PATHS=examples
check "blocking findings fail the step with fail-on: block (exit $rc)" '[ "$rc" = 1 ]'
check "verdict=block, exit-code=1" '[ "$(out verdict)/$(out exit-code)" = block/1 ]'
check "the SARIF report is written and named in the sarif output" \
  '[ "$(out sarif)" = "$work/repo/tollgate.sarif" ] && [ -s "$work/repo/tollgate.sarif" ]'
if [ "$format" = github ]; then
  check "findings are workflow-command annotations" 'grep -q "^::error file=examples/" "$work/log"'
  check "the Markdown job summary is written" 'grep -q "TG-K8S-001" "$work/summary"'
fi

scan "$work/repo" TG_PATHS=examples TG_FAIL_ON=never
check "fail-on: never lets blocking findings pass (exit $rc)" '[ "$rc" = 0 ] && [ "$(out verdict)" = block ]'

scan "$work/repo" TG_PATHS="clean dir"$'\n'
check "a clean manifest passes; a one-line-per-item list keeps spaces (exit $rc)" \
  '[ "$rc" = 0 ] && [ "$(out verdict)/$(out exit-code)" = pass/0 ]'

scan "$work/repo" TG_PATHS=warn TG_POLICY=policy TG_ARGS="--no-builtin"
check "warnings pass with fail-on: block (exit $rc)" '[ "$rc" = 0 ] && [ "$(out verdict)/$(out exit-code)" = warn/0 ]'
scan "$work/repo" TG_PATHS=warn TG_POLICY=policy TG_ARGS="--no-builtin" TG_FAIL_ON=warn
check "warnings fail with fail-on: warn (exit $rc)" '[ "$rc" != 0 ] && [ "$(out verdict)" = warn ]'

scan "$work/repo" TG_PATHS=broken TG_FAIL_ON=never
check "could not judge fails even with fail-on: never (exit $rc)" '[ "$rc" = 2 ] && [ "$(out verdict)/$(out exit-code)" = error/2 ]'

scan "$work/repo" TG_PATHS="examples  warn" TG_FAIL_ON=never
check "items separated by spaces on one line are several paths" 'grep -q -- "-- examples warn $" "$work/log"'

scan "$work/repo" TG_PATHS=examples TG_SARIF=
check "sarif: '' writes no SARIF and leaves the output empty" '[ -z "$(out sarif)" ]'

scan "$work/repo" TG_FAIL_ON=sometimes
check "an unknown fail-on is a usage error (exit $rc)" '[ "$rc" = 2 ] && grep -q "fail-on must be" "$work/log"'

scan "$work/repo" TG_ARGS="--warn-exit-code 1"
check "--warn-exit-code in args is refused in favour of fail-on (exit $rc)" '[ "$rc" = 2 ]'

scan "$work/repo" TG_BIN="$work/fake-cargo/cargo-that-does-not-exist"
check "a missing binary is an error, not a pass (exit $rc)" '[ "$rc" = 2 ] && [ "$(out verdict)" = error ]'

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
