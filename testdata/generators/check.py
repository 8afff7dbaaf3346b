"""Regenerates every oracle into a temporary folder and compares it with the shipped file.

    /usr/bin/python3 testdata/generators/check.py [family ...]

For each file it prints whether the bytes are identical, and otherwise the largest absolute and
relative difference over all numbers (the relative one over values with |expected| > 1e-300),
the number of numbers that differ, and any difference in structure (keys, lengths, strings).
The meta block (library versions) is compared as a structure only. Exit status 1 when a
structure differs.
"""
import math
import os
import subprocess
import sys
import tempfile

import common

FAMILIES = ["ridge", "ridge_nonnegative", "ols", "percentile", "random_state", "bagging_ridge",
            "lasso", "ridge_cv", "probability"]
FILES = {"probability": "bagging_ridge_probability.json"}


def walk(a, b, path, stats):
    if isinstance(b, dict):
        if not isinstance(a, dict) or list(a) != list(b):
            stats["structure"].append("%s: keys %s vs %s" % (path, list(a) if isinstance(a, dict)
                                                              else type(a).__name__, list(b)))
            return
        for k in b:
            if path == "" and k == "meta":
                continue
            walk(a[k], b[k], path + "." + k, stats)
    elif isinstance(b, list):
        if not isinstance(a, list) or len(a) != len(b):
            stats["structure"].append("%s: length %s vs %d" % (
                path, len(a) if isinstance(a, list) else type(a).__name__, len(b)))
            return
        for i, (u, v) in enumerate(zip(a, b)):
            walk(u, v, "%s[%d]" % (path, i), stats)
    elif isinstance(b, bool) or isinstance(b, str) or b is None:
        if a != b:
            stats["structure"].append("%s: %r vs %r" % (path, a, b))
    else:
        stats["numbers"] += 1
        if isinstance(a, bool) or not isinstance(a, (int, float)):
            stats["structure"].append("%s: %r vs %r" % (path, a, b))
            return
        if a != b:
            stats["differ"] += 1
            d = abs(a - b)
            stats["abs"] = max(stats["abs"], d)
            if abs(b) > 1e-300:
                stats["rel"] = max(stats["rel"], d / abs(b))
            if math.isnan(d):
                stats["structure"].append("%s: %r vs %r" % (path, a, b))


def main():
    families = sys.argv[1:] or FAMILIES
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for family in families:
            name = FILES.get(family, family + ".json")
            shipped = os.path.join(common.ORACLES, name)
            out = os.path.join(tmp, name)
            run = subprocess.run([sys.executable, os.path.join(common.HERE, family + ".py"),
                                  "--inputs", shipped, "--out", out],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print("%-32s generator failed:\n%s" % (name, run.stderr))
                failed = True
                continue
            with open(out, "rb") as f1, open(shipped, "rb") as f2:
                identical = f1.read() == f2.read()
            stats = {"numbers": 0, "differ": 0, "abs": 0.0, "rel": 0.0, "structure": []}
            walk(common.read(out), common.read(shipped), "", stats)
            if identical:
                verdict = "bytes identical"
            elif stats["differ"] == 0 and not stats["structure"]:
                verdict = "every number identical (meta or formatting differs)"
            else:
                verdict = "%d of %d numbers differ: max abs %.3g, max rel %.3g" % (
                    stats["differ"], stats["numbers"], stats["abs"], stats["rel"])
            print("%-32s %s" % (name, verdict))
            for s in stats["structure"][:10]:
                print("    structure: " + s)
            failed |= bool(stats["structure"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
