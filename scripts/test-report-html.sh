#!/usr/bin/env bash
# `tollgate report --html` checked in a real browser: Debian's headless Chromium loads the page
# (offline: the page must not need the network), its DOM must hold the charts and numbers, and a
# screenshot is written for people to look at.
#   scripts/test-report-html.sh [TOLLGATE_BINARY] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-${CARGO_TARGET_DIR:-target}/debug/tollgate}")
shot=${2:-$(mktemp -d)/tollgate-report.png}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "test-report-html: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r tests/fixtures/reporting "$work/payments"
mkdir -p "$work/payments/.git"
(cd "$work/payments" && "$bin" scan --no-builtin -p policy --all-namespaces --today 2026-11-30 --format json > "$work/payments.json" || true)
cp -r examples "$work/shop"
mkdir -p "$work/shop/.git"
(cd "$work/shop" && "$bin" scan --today 2026-11-30 --format json > "$work/shop.json" || true)
"$bin" report "$work/payments.json" "$work/shop.json" --html "$work/report.html" > "$work/report.md"
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$work/profile")
# Offline on purpose: a page that fetched anything would show up broken here.
"$browser" "${flags[@]}" --proxy-server=127.0.0.1:9 --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
"$browser" "${flags[@]}" --proxy-server=127.0.0.1:9 --window-size=900,1400 --screenshot="$shot" "file://$work/report.html" >/dev/null 2>&1
fail=0
check() { if grep -q "$1" "$work/dom.html"; then echo "  ok: $2"; else echo "  FAIL: $2"; fail=1; fi; }
check 'Policy compliance: <strong>' "overall compliance rate"
check 'aria-label="Compliance by rule"' "compliance chart"
check 'aria-label="Blocking findings by rule"' "blocking chart"
check 'aria-label="Exception aging"' "aging chart"
check 'aria-label="False positives by rule"' "false-positive chart"
check 'R-BLOCK' "rules from the first report"
check 'TG-K8S-001' "rules from the second report"
if grep -qiE '<script|https?://[^"]*\.(js|css|woff)' "$work/report.html"; then echo "  FAIL: the page loads scripts or assets"; fail=1; else echo "  ok: self-contained"; fi
[ -s "$shot" ] && echo "  ok: screenshot $shot" || { echo "  FAIL: no screenshot"; fail=1; }
grep -q "# tollgate: 2 report(s)" "$work/report.md" && echo "  ok: markdown" || { echo "  FAIL: markdown"; fail=1; }
exit $fail
