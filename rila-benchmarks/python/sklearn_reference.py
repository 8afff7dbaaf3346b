#!/usr/bin/env python3
"""scikit-learn reference timings for rila's benchmark report.

Runs scikit-learn's BaggingRegressor(Ridge(alpha=1.0)) on the data that
io.rila.benchmarks.BenchmarkData writes, so both libraries read identical numbers:

    java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.BenchmarkData target/benchmark-data
    /usr/bin/python3 rila-benchmarks/python/sklearn_reference.py target/benchmark-data \
        --out target/sklearn-reference.json [--with-10000]

Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn). It is never part of the
build or the tests. Output: one JSON object with the machine, the versions and, per
measurement, the median of the repeats in seconds.
"""
import argparse
import json
import os
import pickle
import platform
import resource
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge


def timed(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def fit(x, y, w, members, n_jobs):
    model = BaggingRegressor(Ridge(alpha=1.0), n_estimators=members, bootstrap=True,
                             n_jobs=n_jobs, random_state=42)
    model.fit(x, y, sample_weight=w)
    return model


def interval(model, rows):
    # member predictions, back-transformed per member, then mean and 95% interval (numpy linear)
    preds = np.stack([np.expm1(est.predict(rows)) for est in model.estimators_])
    return preds.mean(axis=0), np.percentile(preds, [2.5, 50, 97.5], axis=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="folder written by io.rila.benchmarks.BenchmarkData")
    parser.add_argument("--out", default="sklearn-reference.json")
    parser.add_argument("--with-10000", action="store_true", help="also fit 10,000 members (slow)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    load = lambda name: np.loadtxt(os.path.join(args.data, name), delimiter=",", ndmin=2)
    gx, gy = load("guide_x.csv"), load("guide_y.csv").ravel()
    px, py, pw = load("production_x.csv"), load("production_y.csv").ravel(), load("production_w.csv").ravel()

    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "fit": [], "predict": [],
    }
    sizes = [100, 1000] + ([10000] if args.with_10000 else [])
    model_1000 = None
    for members in sizes:
        repeats = args.repeats if members <= 1000 else 1
        for shape, x, y, w in (("guide", gx, gy, None), ("production", px, py, pw)):
            for n_jobs in (1, -1):
                median, all_times, model = timed(lambda: fit(x, y, w, members, n_jobs), repeats)
                results["fit"].append({"shape": shape, "members": members, "n_jobs": n_jobs,
                                       "seconds": median, "all": all_times})
                print(f"fit {shape} members={members} n_jobs={n_jobs}: {median:.3f} s", flush=True)
                if shape == "guide" and members == max(sizes):
                    model_1000 = model
    results["largest_guide_model_pickled_bytes"] = len(pickle.dumps(model_1000))
    for rows in (1, 52):
        block = gx[-rows:]
        median, all_times, _ = timed(lambda: interval(model_1000, block), args.repeats)
        results["predict"].append({"members": max(sizes), "rows": rows, "seconds": median,
                                   "all": all_times})
        print(f"predict members={max(sizes)} rows={rows}: {median:.3f} s", flush=True)
    results["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
    print("written", args.out)


if __name__ == "__main__":
    sys.exit(main())
