#!/usr/bin/python3
"""Deterministic inputs for bench/run.sh's factor class (issue 3).

biv3_d10_s<SEED>.poly is the expanded product of three random dense
bivariate polynomials in x, y of total degree 10: every monomial x^i*y^j with
i + j <= 10 gets a coefficient drawn uniformly from [-9, 9], except that
x^10 and y^10 get nonzero ones (so each factor has degree 10 in x, in y and
in total). biv3_d10_s<SEED>.factors lists the three factors, one a line.
Python's random.Random(seed) with randint is stable across Python 3
versions, so the files are reproducible:

    /usr/bin/python3 bench/gen_factor.py [--check]

--check asks Singular (factorize) that every factor is irreducible over Q
and that the product has exactly these three factors; run.sh does not need
Singular for the inputs themselves. Standard library only.
"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "inputs", "factor")
SEEDS = [1, 2, 3, 4, 5]
DEG = 10
COEF = 9


def rand_factor(rng):
    p = {}
    for i in range(DEG + 1):
        for j in range(DEG + 1 - i):
            c = rng.randint(-COEF, COEF)
            if (i, j) in ((DEG, 0), (0, DEG)):
                while c == 0:
                    c = rng.randint(-COEF, COEF)
            if c:
                p[(i, j)] = c
    return p


def mul(a, b):
    out = {}
    for (i, j), c in a.items():
        for (k, l), d in b.items():
            out[(i + k, j + l)] = out.get((i + k, j + l), 0) + c * d
    return {m: c for m, c in out.items() if c}


def fmt(p):
    # graded reverse lexicographic, x > y: total degree, then x degree
    terms = sorted(p.items(), key=lambda t: (-(t[0][0] + t[0][1]), -t[0][0]))
    s = ""
    for (i, j), c in terms:
        mon = "*".join(v if e == 1 else f"{v}^{e}" for v, e in (("x", i), ("y", j)) if e)
        a = abs(c)
        body = (str(a) if not mon else (mon if a == 1 else f"{a}*{mon}"))
        if not s:
            s = ("-" if c < 0 else "") + body
        else:
            s += (" - " if c < 0 else " + ") + body
    return s


def main():
    os.makedirs(OUT, exist_ok=True)
    names = []
    for seed in SEEDS:
        rng = random.Random(seed)
        fs = [rand_factor(rng) for _ in range(3)]
        prod = mul(mul(fs[0], fs[1]), fs[2])
        name = f"biv3_d{DEG}_s{seed}"
        with open(os.path.join(OUT, name + ".poly"), "w") as fh:
            fh.write(fmt(prod) + "\n")
        with open(os.path.join(OUT, name + ".factors"), "w") as fh:
            fh.write("".join(fmt(f) + "\n" for f in fs))
        names.append((name, fs, prod))
    if "--check" in sys.argv:
        script = "ring r = 0, (x, y), dp;\n"
        for name, fs, prod in names:
            for k, f in enumerate(fs):
                script += f"poly f = {fmt(f)}; list L = factorize(f); print(\"{name} factor{k + 1}: \" + string(size(L[1]) - 1) + \" irreducible factor(s)\"); kill f, L;\n"
            script += f"poly f = {fmt(prod)}; list L = factorize(f); print(\"{name} product: \" + string(size(L[1]) - 1) + \" irreducible factor(s)\"); kill f, L;\n"
        script += "quit;\n"
        out = subprocess.run(["Singular", "-q"], input=script, capture_output=True, text=True, timeout=600).stdout
        print(out, end="")
        bad = [l for l in out.splitlines() if ("factor" in l.split(":")[0] and not l.endswith(": 1 irreducible factor(s)")) or
               ("product" in l and not l.endswith(": 3 irreducible factor(s)"))]
        if bad or not out.strip():
            sys.exit("gen_factor: Singular check failed")


if __name__ == "__main__":
    main()
