#!/usr/bin/env python3
"""Thread-scaling benchmark: times `tollgate scan` at several `-j` values on generated corpora.

Usage: scripts/bench-threads.py [--bin PATH] [--threads 1,2,4,8,16] [--runs 3] [--dir DIR]
                                [--sizes 10000] [--shapes real,classic] [--copies100k]

For each corpus (made by scripts/gen-corpus.py, reused when present) it prints a Markdown table of the
median wall time of a full scan and of a parse-only scan per thread count, the speed-up over `-j 1`, the
peak RSS of the child (from wait4), and whether the JSON report is byte-identical to the `-j 1` one.
Only the Python standard library is needed, so it runs on a bare CI or benchmark machine.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_once(cmd, cwd, out_path):
    """Run cmd with stdout to out_path; returns (wall seconds, peak RSS in MiB, exit code)."""
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux.
    return wall, usage.ru_maxrss / 1024, proc.returncode


def measure(binary, corpus, threads, runs, parse_only, out_path):
    cmd = [binary, "scan", ".", "--format", "json", "-j", str(threads)]
    if parse_only:
        cmd.append("--parse-only")
    if runs > 1:
        run_once(cmd, corpus, out_path)  # warm-up: page cache, not counted
    walls, rss, code = [], 0.0, None
    for _ in range(runs):
        wall, peak, code = run_once(cmd, corpus, out_path)
        walls.append(wall)
        rss = max(rss, peak)
    return statistics.median(walls), min(walls), max(walls), rss, code


def ensure_corpus(directory, size, shape):
    path = os.path.join(directory, f"{shape}-{size}")
    if not os.path.isdir(path):
        subprocess.run(
            [sys.executable, os.path.join(HERE, "gen-corpus.py"), "--shape", shape, str(size), path],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def ensure_copies(directory, base, copies):
    """A corpus of `copies` copies of `base` (the 100k figure is ten copies of the 10k corpus)."""
    path = base + f"-x{copies}"
    if not os.path.isdir(path):
        os.makedirs(path)
        for i in range(copies):
            shutil.copytree(base, os.path.join(path, f"copy{i}"))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "tollgate"))
    parser.add_argument("--threads", default="1,2,4,8,16")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/tollgate-bench-threads")
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--shapes", default="real,classic")
    parser.add_argument("--copies100k", action="store_true", help="also ten copies of each 10k corpus")
    parser.add_argument("--threads100k", default="2,16", help="thread counts for the 100k corpora")
    args = parser.parse_args()

    binary = os.path.abspath(args.bin)
    threads = [int(t) for t in args.threads.split(",")]
    os.makedirs(args.dir, exist_ok=True)
    print(f"cpus: {os.cpu_count()}; binary: {binary}")
    print(subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip())

    corpora = []
    for shape in args.shapes.split(","):
        for size in args.sizes.split(","):
            base = ensure_corpus(args.dir, int(size), shape)
            corpora.append((f"{shape} {size}", base, args.runs, threads))
            if args.copies100k and int(size) == 10000:
                many = [int(t) for t in args.threads100k.split(",")]
                corpora.append((f"{shape} 10 × 10000", ensure_copies(args.dir, base, 10), 1, many))

    for name, path, runs, threads in corpora:
        warm = "after a warm-up " if runs > 1 else ""
        print(f"\n### {name} ({runs} run(s) {warm}each, median (min–max))\n")
        print("| `-j` | full scan | speed-up | peak RSS | parse-only | full / parse-only | JSON = first row |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        reference = os.path.join(args.dir, "ref.json")
        first = None
        for j in threads:
            out = os.path.join(args.dir, f"out-{j}.json")
            med, lo, hi, rss, code = measure(binary, path, j, runs, False, out)
            pmed, _, _, _, _ = measure(binary, path, j, runs, True, os.path.join(args.dir, "parse.json"))
            if first is None:
                first = med
                shutil.copyfile(out, reference)
            with open(out, "rb") as a, open(reference, "rb") as b:
                same = a.read() == b.read()
            print(
                f"| {j} | {med:.2f} s ({lo:.2f}–{hi:.2f}) | {first / med:.1f}× | {rss:.0f} MiB "
                f"| {pmed:.2f} s | {med / pmed:.1f}× | {'yes' if same else 'NO'} (exit {code}) |",
                flush=True,
            )


if __name__ == "__main__":
    main()
