#!/usr/bin/env python3
"""Wall time of `homeward report family REF` end to end, one process per run.

Usage: scripts/report-timing.py HOMEWARD [--db PATH] [--runs N] [--ref REF ...]

Runs with the caller's environment: HOMEWARD_DB (or --db) names the database and the
session must belong to someone who may export family reports (a coordinator), as
XDG_STATE_HOME or HOMEWARD_TOKEN provide it. Without --ref it takes the first three
inquiries of `homeward inquiry list`. For each format (html, txt, json to standard output
sent to /dev/null, and html written with -o to a new file) it runs the command N times,
cycling through the references, after one untimed warm-up run, and prints min / median /
p95 / max of the process wall time in ms, and the median CPU time (user + system), which a
busy machine disturbs less. The target is 100 ms of wall time.

Every run is audited: it appends an audit event to the database, so run this on a demo or
scratch database, not a live one.
"""

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_MS = 100.0


def cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


CPU = []  # CPU time (user + system) of each run, in ms: steadier than wall time on a busy machine


def run(cmd, env, stdout=subprocess.DEVNULL):
    cpu = cpu_ms()
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - started) * 1000
    CPU.append(cpu_ms() - cpu)
    if done.returncode != 0:
        sys.exit(f"report-timing: {' '.join(cmd)} failed ({done.returncode}): "
                 f"{done.stderr.decode(errors='replace').strip()}")
    return elapsed, done


def summary(label, samples):
    cpu = statistics.median(CPU[-len(samples):])
    ordered = sorted(samples)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    flag = "" if p95 < TARGET_MS or not label.startswith(("html", "txt", "json")) \
        else f"  (p95 over the {TARGET_MS:.0f} ms target)"
    return (f"{label:<20} n={len(ordered):<4} min {ordered[0]:7.1f}  median "
            f"{statistics.median(ordered):7.1f}  p95 {p95:7.1f}  max {ordered[-1]:7.1f} ms"
            f"  (CPU median {cpu:5.1f}){flag}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("homeward", help="the homeward binary")
    parser.add_argument("--db", help="database file (default: $HOMEWARD_DB)")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per format (50)")
    parser.add_argument("--ref", action="append", help="inquiry reference (repeatable)")
    args = parser.parse_args()

    env = dict(os.environ)
    if args.db:
        env["HOMEWARD_DB"] = os.path.abspath(args.db)
    if not env.get("HOMEWARD_DB"):
        sys.exit("report-timing: give --db or set HOMEWARD_DB")
    binary = shutil.which(args.homeward) or args.homeward

    refs = args.ref
    if not refs:
        import json
        _, listed = run([binary, "inquiry", "list", "--limit", "3", "--json"], env,
                        stdout=subprocess.PIPE)
        refs = [row["reference"] for row in json.loads(listed.stdout)]
        if not refs:
            sys.exit("report-timing: the database has no inquiries")

    print(f"report-timing: {binary} on {env['HOMEWARD_DB']}")
    print(f"  {args.runs} runs per format over {', '.join(refs)}; wall time per process, "
          f"after one warm-up run; each run appends an audit event")
    print("  load average %.2f %.2f %.2f on %d CPUs before" % (*os.getloadavg(), os.cpu_count()))
    startup = [run([binary, "--version"], env)[0] for _ in range(max(10, args.runs // 5))]
    print(summary("homeward --version", startup))
    session = [run([binary, "whoami"], env)[0] for _ in range(max(10, args.runs // 5))]
    print(summary("homeward whoami", session))

    for fmt in ("html", "txt", "json"):
        command = lambda ref: [binary, "report", "family", ref, "--format", fmt, "--quiet"]
        run(command(refs[0]), env)
        samples = [run(command(refs[i % len(refs)]), env)[0] for i in range(args.runs)]
        print(summary(f"{fmt} (stdout)", samples))

    with tempfile.TemporaryDirectory(prefix="report-timing-") as scratch:
        def command(i, ref):
            return [binary, "report", "family", ref, "--format", "html", "--quiet",
                    "-o", os.path.join(scratch, f"{i}.html")]
        run(command("warm", refs[0]), env)
        samples = [run(command(i, refs[i % len(refs)]), env)[0] for i in range(args.runs)]
        print(summary("html (-o FILE)", samples))
    print("  load average %.2f %.2f %.2f after" % os.getloadavg())


if __name__ == "__main__":
    main()
