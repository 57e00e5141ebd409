#!/usr/bin/env python3
"""p50 and p99 (nearest rank), min and max per jar of each column of a serve-start script's samples.

    starts-report.py SAMPLES SUFFIX LABEL...

SAMPLES holds one line per start, `JAR start N` and then the start's figures, each after a word
naming it (run-serve-rss.sh, run-serve-floor.sh, run-serve-idle.sh write them): the numbers of a
line, in order, are the columns LABEL... SUFFIX follows the count of starts in each jar's heading.
"""
import math
import sys


def number(token):
    try:
        return int(token)
    except ValueError:
        try:
            return float(token)
        except ValueError:
            return None


def rank(values, q):
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


samples, suffix, labels = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = {}
for line in open(samples):
    fields = line.split()
    values = [v for v in (number(t) for t in fields[3:]) if v is not None]
    if len(values) != len(labels):
        sys.exit(f"{samples}: {len(values)} figures where {len(labels)} columns are named: {line}")
    rows.setdefault(fields[0], []).append(values)
for jar, starts in rows.items():
    print(f"{jar}: {len(starts)} starts{suffix}")
    for column, label in enumerate(labels):
        v = [s[column] for s in starts]
        print(f"  {label}: p50 {rank(v, 0.5)} p99 {rank(v, 0.99)} min {min(v)} max {max(v)}")
