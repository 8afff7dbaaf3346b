#!/usr/bin/env python3
"""scikit-learn reference timings for rila's benchmark report.

Runs scikit-learn's BaggingRegressor(Ridge(alpha)) on the data that
io.rila.benchmarks.BenchmarkData writes, so both libraries read identical numbers:

    java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.BenchmarkData target/benchmark-data
    /usr/bin/python3 rila-benchmarks/python/sklearn_reference.py target/benchmark-data \
        --out target/sklearn-reference.json [--with-10000] [--repeats 3] \
        [--sizes 100,1000] [--predict-members 10000]

What it measures (each the median of --repeats runs unless noted):
  fit      BaggingRegressor(Ridge(alpha=1.0), bootstrap=True) for 100 and 1,000 members, both
           shapes (guide: 598 x 150; production: 4 x 152 with sample weights), n_jobs=1 and -1;
           --with-10000 adds 10,000 members (one run each: they are slow)
  alpha    the guide shape, 1,000 members (or the largest of --sizes), n_jobs=-1,
           alpha 0.1 / 1 / 10
  predict  one row and 52 rows with the --predict-members model (default 10,000, guide shape:
           fitted once with n_jobs=-1 if no fit above made it): every member's prediction,
           expm1 per member, then the mean and numpy's linear percentiles 2.5 / 50 / 97.5
  memory   pickled size of each model and this process's peak RSS after each fit (joblib's
           worker processes, which do the n_jobs=-1 work, are not included)

Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn). It is never part of the
build or the tests. Output: one JSON object with the machine, the versions and the results, in
seconds and bytes.
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

from bench_common import cpu_model


def timed(fn, repeats):
    times = []
    result = None
    for _ in range(repeats):
        result = None  # let the previous model go before the next run
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def fit(x, y, w, members, n_jobs, alpha=1.0):
    model = BaggingRegressor(Ridge(alpha=alpha), n_estimators=members, bootstrap=True,
                             n_jobs=n_jobs, random_state=42)
    model.fit(x, y, sample_weight=w)
    return model


def interval(model, rows):
    # member predictions, back-transformed per member, then mean and 95% interval (numpy linear)
    preds = np.stack([np.expm1(est.predict(rows)) for est in model.estimators_])
    return preds.mean(axis=0), np.percentile(preds, [2.5, 50, 97.5], axis=0)


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="folder written by io.rila.benchmarks.BenchmarkData")
    parser.add_argument("--out", default="sklearn-reference.json")
    parser.add_argument("--with-10000", action="store_true",
                        help="also time 10,000-member fits of both shapes (slow)")
    parser.add_argument("--predict-members", type=int, default=10000,
                        help="members of the guide model used for prediction (default 10000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated member counts to time (default 100,1000)")
    args = parser.parse_args()

    load = lambda name: np.loadtxt(os.path.join(args.data, name), delimiter=",", ndmin=2)
    gx, gy = load("guide_x.csv"), load("guide_y.csv").ravel()
    px, py, pw = load("production_x.csv"), load("production_y.csv").ravel(), load("production_w.csv").ravel()
    shapes = (("guide", gx, gy, None), ("production", px, py, pw))

    results = {
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "platform": platform.platform(),
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "settings": {"repeats": args.repeats, "with_10000": args.with_10000,
                     "predict_members": args.predict_members},
        "fit": [], "alpha": [], "predict": [],
    }
    # start joblib's worker processes and import everything before anything is timed
    fit(gx, gy, None, 4, -1)
    fit(px, py, pw, 4, 1)
    predict_model = None
    sizes = [int(s) for s in args.sizes.split(",")] + ([10000] if args.with_10000 else [])
    alpha_members = 1000 if 1000 in sizes else max(sizes)
    for members in sizes:
        repeats = args.repeats if members <= 1000 else 1
        for shape, x, y, w in shapes:
            for n_jobs in (1, -1):
                median, all_times, model = timed(lambda: fit(x, y, w, members, n_jobs), repeats)
                entry = {"shape": shape, "members": members, "n_jobs": n_jobs, "alpha": 1.0,
                         "seconds": median, "all": all_times,
                         "pickled_bytes": len(pickle.dumps(model)),
                         "peak_rss_bytes": peak_rss_bytes()}
                results["fit"].append(entry)
                print(f"fit {shape} members={members} n_jobs={n_jobs}: {median:.3f} s", flush=True)
                if shape == "guide" and n_jobs == -1 and members == args.predict_members:
                    predict_model = model
                model = None

    for alpha in (0.1, 1.0, 10.0):
        median, all_times, _ = timed(lambda: fit(gx, gy, None, alpha_members, -1, alpha),
                                     args.repeats)
        results["alpha"].append({"shape": "guide", "members": alpha_members, "n_jobs": -1,
                                 "alpha": alpha, "seconds": median, "all": all_times})
        print(f"fit guide members={alpha_members} alpha={alpha}: {median:.3f} s", flush=True)

    if predict_model is None:
        median, all_times, predict_model = timed(
            lambda: fit(gx, gy, None, args.predict_members, -1), 1)
        results["fit"].append({"shape": "guide", "members": args.predict_members, "n_jobs": -1,
                               "alpha": 1.0, "seconds": median, "all": all_times,
                               "pickled_bytes": len(pickle.dumps(predict_model)),
                               "peak_rss_bytes": peak_rss_bytes(),
                               "note": "single run, the prediction model"})
        print(f"fit guide members={args.predict_members} n_jobs=-1 (prediction model): "
              f"{median:.3f} s", flush=True)
    for rows in (1, 52):
        block = gx[-rows:]
        median, all_times, _ = timed(lambda: interval(predict_model, block), args.repeats)
        results["predict"].append({"shape": "guide", "members": args.predict_members,
                                   "rows": rows, "seconds": median, "all": all_times})
        print(f"predict members={args.predict_members} rows={rows}: {median:.3f} s", flush=True)
    results["peak_rss_bytes"] = peak_rss_bytes()
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
    print("written", args.out)


if __name__ == "__main__":
    sys.exit(main())
