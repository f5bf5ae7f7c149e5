#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit (from PyPI):
#   1. snapshots this repository into a temporary git repository (pre-commit clones hook repositories
#      at a commit, and this one may have uncommitted work);
#   2. makes a "user" repository with a violating manifest (privileged container), a clean one and a
#      .pre-commit-config.yaml that points at the snapshot with `rev:` = its commit;
#   3. asserts that the `tollgate` hook (language: rust, built by pre-commit with `cargo install`)
#      fails on the violating file and passes on the clean one, via `pre-commit run`, `try-repo`,
#      the pre-push stage and a real `git commit` with the hook installed; then the same for
#      `tollgate-system` with the binary pre-commit built on PATH.
#
# Usage: scripts/test-precommit.sh [--source worktree|head]
#   --source worktree  (default) the repository as it is on disk: HEAD plus uncommitted changes and
#                      untracked files that are not ignored
#   --source head      the last commit, plus this working tree's .pre-commit-hooks.yaml
#
# The first run builds tollgate in pre-commit's cache (a few minutes); later runs of the same snapshot
# reuse it, and a changed snapshot rebuilds incrementally in a shared cargo target directory.
# Environment: TOLLGATE_PRECOMMIT_CACHE (default ${TMPDIR:-/tmp}/tollgate-precommit) holds the venv,
# PRE_COMMIT_HOME, the snapshot and the cargo target directory; CARGO_BUILD_JOBS limits the build as
# usual. Note that pre-commit runs `cargo install` without --locked: dependencies resolve afresh.
set -euo pipefail

source_mode=worktree
while [ $# -gt 0 ]; do
  case $1 in
    --source) source_mode=${2:?--source needs worktree or head}; shift 2 ;;
    --source=*) source_mode=${1#--source=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case $source_mode in worktree|head) ;; *) echo "--source must be worktree or head" >&2; exit 2 ;; esac

repo_dir=$(cd "$(dirname "$0")/.." && pwd)
cache=${TOLLGATE_PRECOMMIT_CACHE:-${TMPDIR:-/tmp}/tollgate-precommit}
mkdir -p "$cache"
export PRE_COMMIT_HOME="$cache/pre-commit-home"
export CARGO_TARGET_DIR="$cache/cargo-target"
# pre-commit must not pick up a hook environment or config of the repository it is started from.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
work=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-precommit-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

script_start=$(date +%s)
step_start=
step() { # prints the time the previous step took, then the new step's name
  local now; now=$(date +%s)
  [ -z "$step_start" ] || echo "    ($((now - step_start)) s)"
  step_start=$now
  echo "==> $*"
}
failures=0
pass() { echo "    ok: $*"; }
fail() { echo "    FAIL: $*"; failures=$((failures + 1)); }

# Runs a command, keeps its output in $work/out and its exit code in $rc.
run() {
  set +e
  "$@" >"$work/out" 2>&1
  rc=$?
  set -e
}
expect() { # expect CODE|nonzero DESCRIPTION [GREP-PATTERN]
  local want=$1 what=$2 pattern=${3:-}
  local ok=1
  if [ "$want" = nonzero ]; then [ "$rc" -ne 0 ] || ok=0; else [ "$rc" -eq "$want" ] || ok=0; fi
  if [ -n "$pattern" ] && ! grep -q -- "$pattern" "$work/out"; then ok=0; fi
  if [ $ok = 1 ]; then
    pass "$what (exit $rc)"
  else
    fail "$what: exit $rc, expected $want${pattern:+ and output matching \"$pattern\"}"
    sed 's/^/      | /' "$work/out"
  fi
}

step "pre-commit from PyPI"
venv="$cache/venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'pre-commit>=3.2'
fi
pc="$venv/bin/pre-commit"
echo "    $("$pc" --version), $(cargo --version)"

step "snapshot of $repo_dir ($source_mode)"
# A fixed path: pre-commit caches a hook environment per (repo, rev).
snap="$cache/tollgate-snapshot"
rm -rf "$snap"
mkdir -p "$snap"
git -C "$repo_dir" archive --format=tar HEAD | tar -x -C "$snap"
if [ "$source_mode" = worktree ]; then
  # Tracked files as they are on disk (deleted ones removed), plus untracked files not ignored.
  while IFS= read -r -d '' f; do
    if [ -e "$repo_dir/$f" ]; then
      mkdir -p "$snap/$(dirname "$f")"
      cp -p "$repo_dir/$f" "$snap/$f"
    else
      rm -f "$snap/$f"
    fi
  done < <(git -C "$repo_dir" ls-files -z --cached --others --exclude-standard)
else
  cp "$repo_dir/.pre-commit-hooks.yaml" "$snap/.pre-commit-hooks.yaml"
fi
# Fixed identity and dates: the same content gives the same commit, so pre-commit's cache is reused.
export GIT_AUTHOR_NAME=tollgate-test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=tollgate-test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"
git -C "$snap" init --quiet
git -C "$snap" add -A
git -C "$snap" -c commit.gpgsign=false commit --quiet -m snapshot
rev=$(git -C "$snap" rev-parse HEAD)
echo "    $snap @ $rev"
"$pc" validate-manifest "$snap/.pre-commit-hooks.yaml" && pass "pre-commit validate-manifest"

step "user repository with a violating and a clean manifest"
user="$work/user-repo"
mkdir -p "$user/k8s" "$user/docs"
# CLEAN_POD from tests/cli.rs: passes the whole built-in library.
cat > "$user/k8s/clean.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: ok
  namespace: apps
spec:
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: registry.acme.dev/app:1.2.3
      resources:
        limits: {cpu: 100m, memory: 64Mi}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: [ALL]
YAML
awk '{ sub(/name: ok/, "name: bad"); print }
     /readOnlyRootFilesystem: true/ { print "        privileged: true" }' \
    "$user/k8s/clean.yaml" > "$user/k8s/privileged.yaml"
grep -q 'privileged: true' "$user/k8s/privileged.yaml"
echo "not a manifest" > "$user/docs/notes.md"
cat > "$user/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $snap
    rev: $rev
    hooks:
      - id: tollgate
        stages: [pre-commit, pre-push]
YAML
git -C "$user" init --quiet
git -C "$user" add .pre-commit-config.yaml docs
git -C "$user" -c commit.gpgsign=false commit --quiet -m init
cd "$user"

step "install the hook environment (cargo install of the snapshot; slow the first time)"
run "$pc" install-hooks
expect 0 "pre-commit install-hooks"
# pre-commit's store records where it cloned (repo, rev); the rust environment is inside.
clone=$("$venv/bin/python" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT path FROM repos WHERE repo = ? AND ref = ?", sys.argv[2:]).fetchone()[0])' \
  "$PRE_COMMIT_HOME/db.db" "$snap" "$rev")
bins=("$clone"/rustenv-*/bin/tollgate)
bin=${bins[0]}
echo "    built: $bin ($("$bin" --version))"

step "pre-commit run tollgate --files k8s/privileged.yaml"
run "$pc" run tollgate --files k8s/privileged.yaml
expect 1 "violating manifest fails the hook" "TG-K8S-001"

step "pre-commit run tollgate --files k8s/clean.yaml"
run "$pc" run tollgate --files k8s/clean.yaml
expect 0 "clean manifest passes the hook" "Passed"

step "pre-commit run tollgate --files docs/notes.md"
run "$pc" run tollgate --files docs/notes.md
expect 0 "a file the hook's files regex does not match is skipped" "no files to check"

step "pre-commit try-repo <snapshot> tollgate --files ..."
run "$pc" try-repo "$snap" tollgate --ref "$rev" --files k8s/privileged.yaml
expect 1 "try-repo: violating manifest fails" "TG-K8S-001"
run "$pc" try-repo "$snap" tollgate --ref "$rev" --files k8s/clean.yaml
expect 0 "try-repo: clean manifest passes" "Passed"

step "pre-push stage"
run "$pc" run tollgate --hook-stage pre-push --files k8s/privileged.yaml
expect 1 "--hook-stage pre-push: violating manifest fails" "TG-K8S-001"

step "git commit with the hook installed"
run "$pc" install --hook-type pre-commit --hook-type pre-push
expect 0 "pre-commit install"
git add k8s/privileged.yaml
run git -c commit.gpgsign=false commit -m "privileged pod"
expect nonzero "commit of the violating manifest is refused" "TG-K8S-001"
git reset --quiet -- k8s/privileged.yaml
git add k8s/clean.yaml
run git -c commit.gpgsign=false commit -m "clean pod"
expect 0 "commit of the clean manifest goes through"

step "tollgate-system hook with the built binary on PATH"
cat > "$user/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $snap
    rev: $rev
    hooks:
      - id: tollgate-system
YAML
run env PATH="$(dirname "$bin"):$PATH" "$pc" run tollgate-system --files k8s/privileged.yaml
expect 1 "tollgate-system: violating manifest fails" "TG-K8S-001"
run env PATH="$(dirname "$bin"):$PATH" "$pc" run tollgate-system --files k8s/clean.yaml
expect 0 "tollgate-system: clean manifest passes" "Passed"

step "done"
echo "total: $(($(date +%s) - script_start)) s"
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all pre-commit checks passed"
