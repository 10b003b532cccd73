#!/usr/bin/env bash
# Where the time goes in a JFR recording: the hottest top frames and the hottest Leakwatch frames (self + callees) of
# the execution samples whose stack holds FILTER (default: any).
#   infra/bench/jfr-top.sh recording.jfr [FILTER] [N (15)]
set -euo pipefail
jfr print --events jdk.ExecutionSample --stack-depth 64 "$1" | python3 -c '
import re, sys, collections
flt, n = sys.argv[1], int(sys.argv[2])
top, ours, total = collections.Counter(), collections.Counter(), 0
for ev in sys.stdin.read().split("jdk.ExecutionSample")[1:]:
    frames = [f.strip() for f in re.findall(r"^\s+([\w$.<>]+\(.*?\))\s+line:", ev, re.M)]
    if not frames or (flt and not any(flt in f for f in frames)):
        continue
    total += 1
    top[re.sub(r"\(.*", "", frames[0])] += 1
    for f in set(re.sub(r"\(.*", "", f) for f in frames if "leakwatch" in f):
        ours[f] += 1
print(f"{total} samples" + (f" with {flt} on the stack" if flt else ""))
print("top frames (self time):")
for f, c in top.most_common(n): print(f"  {100*c/total:5.1f}%  {f}")
print("Leakwatch frames (inclusive):")
for f, c in ours.most_common(n): print(f"  {100*c/total:5.1f}%  {f}")
' "${2:-}" "${3:-15}"
