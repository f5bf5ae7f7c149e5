#!/usr/bin/env bash
# Validates tollgate's SARIF with Microsoft's SARIF multitool, including GitHub's rule kinds:
# the demo repository (findings) and a repository with a parse error (tool notifications).
# Usage: scripts/validate-sarif.sh [path/to/tollgate]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/tollgate}
[ -x "$bin" ] || cargo build --quiet
bin=$(realpath "$bin")
tools=${SARIF_TOOLS_DIR:-${TMPDIR:-/tmp}/tollgate-sarif-tools}
mkdir -p "$tools"
if [ ! -x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]; then
  (cd "$tools" && npm install --silent --no-audit --no-fund @microsoft/sarif-multitool-linux >/dev/null)
  # npm skips the package's install script, which would make the binary executable.
  chmod u+x "$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi
multitool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" scan examples --format sarif > "$work/examples.sarif" || [ $? -eq 1 ]
mkdir -p "$work/broken"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n' > "$work/broken/bad.yaml"
(cd "$work/broken" && "$bin" scan --format sarif > "$work/broken.sarif") || [ $? -eq 2 ]
# Excepted findings included as SARIF suppressions (kind `external`).
"$bin" scan tests/fixtures/exceptions --today 2026-11-26 --exceptions tests/fixtures/exceptions/.tollgate/exceptions.yaml \
  --sarif-include-excepted --format sarif > "$work/suppressions.sarif" || [ $? -eq 1 ]
grep -q '"suppressions"' "$work/suppressions.sarif" || { echo "no suppressions in SARIF"; exit 1; }
# An absolute path outside the current directory (the issue's terragoat case): URIs must stay valid.
(cd "$work" && "$bin" scan "$OLDPWD/examples" --format sarif > "$work/absolute.sarif") || [ $? -eq 1 ]
status=0
for f in "$work/examples.sarif" "$work/broken.sarif" "$work/suppressions.sarif" "$work/absolute.sarif"; do
  "$multitool" validate "$f" --rule-kind "Sarif;Gh" -o "$f.validation" --log ForceOverwrite >/dev/null
  count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['runs'][0].get('results', [])))" "$f.validation")
  if [ "$count" != "0" ]; then
    echo "SARIF validation of $(basename "$f"): $count problem(s)"
    python3 -c "import json,sys; [print(' ', r['level'], r['ruleId'], r['message'].get('text', r['message'])) for r in json.load(open(sys.argv[1]))['runs'][0]['results']]" "$f.validation"
    status=1
  else
    echo "SARIF validation of $(basename "$f"): ok"
  fi
done
exit $status
