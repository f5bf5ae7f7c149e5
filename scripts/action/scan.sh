#!/usr/bin/env bash
# Runs `tollgate scan` for the GitHub Action (action.yml) and decides whether the step fails.
#
# Environment (set by action.yml from its inputs):
#   TG_BIN         tollgate binary (from install.sh)
#   TG_PATHS       paths to scan
#   TG_POLICY      policy files or directories (--policy)
#   TG_EXCEPTIONS  exception files (--exceptions)
#   TG_CONFIG      config file (--config)
#   TG_FORMAT      standard output format (github: annotations on the pull request)
#   TG_SARIF       SARIF report path; empty: none
#   TG_SUMMARY     true: Markdown job summary into GITHUB_STEP_SUMMARY
#   TG_FAIL_ON     block | warn | never ("never" still fails when tollgate could not judge: exit 2)
#   TG_ARGS        extra arguments, split on whitespace
#   TG_BASE        git revision to judge the change against (--base); empty or `none`: no base
#   TG_FAIL_ON_GOVERNANCE_CHANGE  true: --fail-on-governance-change (with a base)
# A list input holds one item per line (an item may then contain spaces), or items separated by
# spaces on a single line.
# Outputs (GITHUB_OUTPUT): exit-code (0 pass or warn, 1 block, 2 error), verdict, sarif (absolute
# path, empty when no SARIF file was written).
set -uo pipefail

error() { echo "::error title=tollgate::$*"; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi; }

# split VALUE: one item per non-empty line if VALUE has several lines, else whitespace-separated
# words; no glob expansion either way. Items go to the array `items`.
split() {
  items=()
  local value=$1 line
  value=${value//$'\r'/}
  if [[ $value == *$'\n'* ]]; then
    while IFS= read -r line; do
      line="${line#"${line%%[![:space:]]*}"}"
      line="${line%"${line##*[![:space:]]}"}"
      [ -n "$line" ] && items+=("$line")
    done <<< "$value"
  else
    read -r -a items <<< "$value" || true
  fi
}

bin=${TG_BIN:-tollgate}
fail_on=${TG_FAIL_ON:-block}
case $fail_on in
  block | warn | never) ;;
  *) error "fail-on must be block, warn or never, not '$fail_on'"; output exit-code 2; output verdict error; exit 2 ;;
esac

# Warnings get their own exit code so that the verdict can be told from it: 0 pass, 3 warn, 1 block,
# 2 error. Reported as tollgate's usual codes (warn = 0) in the exit-code output.
args=(scan --format "${TG_FORMAT:-github}" --warn-exit-code 3)
split "${TG_POLICY:-}"
for p in ${items[@]+"${items[@]}"}; do args+=(--policy "$p"); done
split "${TG_EXCEPTIONS:-}"
for e in ${items[@]+"${items[@]}"}; do args+=(--exceptions "$e"); done
if [ -n "${TG_CONFIG:-}" ]; then args+=(--config "$TG_CONFIG"); fi
sarif=${TG_SARIF:-}
if [ -n "$sarif" ]; then
  [[ $sarif == /* ]] || sarif="$PWD/$sarif"
  mkdir -p "$(dirname "$sarif")"
  rm -f "$sarif" # a stale report must not be uploaded as this run's
  args+=(--report "sarif=$sarif")
fi
if [ "${TG_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  args+=(--report "markdown=$GITHUB_STEP_SUMMARY")
fi
if [ -n "${TG_BASE:-}" ] && [ "${TG_BASE}" != none ]; then
  args+=(--base "$TG_BASE")
  if [ "${TG_FAIL_ON_GOVERNANCE_CHANGE:-false}" = true ]; then args+=(--fail-on-governance-change); fi
fi
split "${TG_ARGS:-}"
for a in ${items[@]+"${items[@]}"}; do
  case $a in
    --warn-exit-code | --warn-exit-code=*)
      error "use the fail-on input instead of --warn-exit-code in args"
      output exit-code 2; output verdict error; exit 2 ;;
  esac
  args+=("$a")
done
split "${TG_PATHS:-.}"
[ ${#items[@]} -gt 0 ] || items=(.)
args+=(-- "${items[@]}")

echo "tollgate-action: $(printf '%q ' "$bin" "${args[@]}")"
"$bin" "${args[@]}"
code=$?

case $code in
  0) verdict=pass exit_code=0 ;;
  3) verdict=warn exit_code=0 ;;
  1) verdict=block exit_code=1 ;;
  2) verdict=error exit_code=2 ;;
  *) verdict=error exit_code=2; error "tollgate exited with unexpected code $code" ;;
esac
output exit-code "$exit_code"
output verdict "$verdict"
if [ -n "$sarif" ] && [ -f "$sarif" ]; then output sarif "$sarif"; else output sarif ""; fi

fail=false
case "$fail_on/$verdict" in
  */error) fail=true ;; # fail closed: what could not be judged never passes
  block/block | warn/block | warn/warn) fail=true ;;
esac
echo "tollgate-action: verdict $verdict, fail-on $fail_on: $([ $fail = true ] && echo failing || echo passing) the step"
if [ $fail = true ]; then
  [ "$exit_code" -ne 0 ] && exit "$exit_code"
  exit 1
fi
exit 0
