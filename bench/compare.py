#!/usr/bin/python3
"""Medians per (class, task, tool, op) from bench/run.sh's raw.tsv, and the
ratio of relucad's median to the fastest anchor's median for the same task.
Standard library only (Debian's python3)."""
import csv
import statistics
import sys
from collections import defaultdict

# relucad op -> anchor ops that compute the same thing (isolation, not counting)
SAME = {
    "realroots": {"polrootsreal", "realroot", "complex_roots_isolate", "rootIsolation",
                  "intervals", "realRootIsolation", "real_roots"},
    "gcd": {"gcd"},
    "resultant": {"resultant"},
    "discriminant": {"discriminant"},
    "qe": {"qepcad", "z3", "cvc5"},
    "factor": {"factorize", "factor"},
    "groebner": {"std", "slimgb", "modStd", "gbasis", "gb", "groebner_buchberger", "groebner_f5b"},
}

# Singular, Giac and M2 return Res_y(f, f_y), one factor lc_y(f) away from
# the normalized discriminant (ANCHORS.md section 4); their summaries differ.
UNNORMALIZED_DISC = {"singular", "giac", "m2"}

rows = defaultdict(list)
status = {}
results = defaultdict(set)
with open(sys.argv[1]) as fh:
    for r in csv.DictReader(fh, delimiter="\t"):
        key = (r["class"], r["task"], r["tool"], r["op"])
        if r["status"] == "OK" and r["ms"]:
            rows[key].append(float(r["ms"]))
            results[key].add(r["result"].strip())
        else:
            status[key] = r["status"] + " " + r["result"][:40]

def agrees(mine, theirs):
    """The fields that both summaries name (nreal=, degx=, bits=, r1=) must be equal."""
    a = dict(f.split("=", 1) for f in mine.split() if "=" in f)
    b = dict(f.split("=", 1) for f in theirs.split() if "=" in f)
    return all(a[k] == b[k] for k in a.keys() & b.keys())


med = {k: statistics.median(v) for k, v in rows.items() if v}
tasks = sorted({(k[0], k[1]) for k in list(med) + list(status)})
print("| class | task | op | relucad ms | fastest anchor (op) ms | ratio relucad/fastest | all anchors (ms) | relucad result (anchors agree?) |")
print("|---|---|---|---|---|---|---|---|")
for cls, task in tasks:
    for op, anchor_ops in SAME.items():
        rk = (cls, task, "relucad", op)
        if rk not in med and rk not in status:
            continue
        anchors = {(k[2], k[3]): v for k, v in med.items()
                   if k[0] == cls and k[1] == task and k[2] != "relucad" and k[3] in anchor_ops}
        rm = med.get(rk)
        best = min(anchors.items(), key=lambda kv: kv[1]) if anchors else None
        ratio = f"{rm / best[1]:.2f}" if (rm is not None and best) else "n/a"
        others = ", ".join(f"{t} {o} {v:.3g}" for (t, o), v in sorted(anchors.items(), key=lambda kv: kv[1]))
        rms = f"{rm:.3g}" if rm is not None else status.get(rk, "n/a")
        bs = f"{best[0][0]} {best[0][1]} {best[1]:.3g}" if best else "n/a"
        mine = " ".join(sorted(results.get(rk, set())))
        theirs = set()
        for (t, o) in anchors:
            if op == "discriminant" and t in UNNORMALIZED_DISC:
                continue
            theirs |= results.get((cls, task, t, o), set())
        agree = "yes" if mine and all(agrees(mine, x) for x in theirs) else "CHECK"
        print(f"| {cls} | {task} | {op} | {rms} | {bs} | {ratio} | {others} | {mine} ({agree}) |")
