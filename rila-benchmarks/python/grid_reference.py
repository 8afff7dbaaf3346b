#!/usr/bin/env python3
"""scikit-learn side of rila's benchmark grid (GridBenchmark is the rila side).

Fits scikit-learn's BaggingRegressor(Ridge(alpha=1), bootstrap=True, n_jobs=-1) on the cells of
the grid, each ROWSxFEATURESxMEMBERS, on the data io.rila.benchmarks.BenchmarkData.grid makes
(the same doubles, bit for bit: SplitMix64 counters, see grid_data below):

    /usr/bin/python3 rila-benchmarks/python/grid_reference.py \
        --cells 50x4x1000,1500x598x100 --out target/grid/sklearn-grid.json [--repeats 3] \
        [--append] [--no-memory]

Per cell:
  seconds          median of up to --repeats fits with n_jobs=-1, fewer once the fits of the
                   cell took --budget seconds (joblib's worker processes started beforehand, the
                   data generated outside the timing)
  peak_heap_bytes  tracemalloc's peak during one more fit with n_jobs=1 (in this process, so that
                   every numpy buffer of the fit is counted; joblib's workers are out of its reach),
                   less the memory traced before it: the data's copies, the fitted members and the
                   temporaries of one fit
  pickled_bytes    the size of the fitted model, pickled

Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn). Never part of the build or
the tests. Writes one JSON object with the machine, the versions and the results.
"""
import argparse
import json
import os
import pickle
import platform
import statistics
import time
import tracemalloc

import numpy as np
import sklearn
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge

from bench_common import cpu_model

GRID_SEED = 3
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)


def unit(seed, index):
    """2u - 1 for SplitMix64's 53-bit fraction u at counters `index` (uint64 array)."""
    with np.errstate(over="ignore"):
        z = (np.uint64(seed) + index + np.uint64(1)) * GOLDEN
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        z = z ^ (z >> np.uint64(31))
    return 2.0 * ((z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53) - 1.0


def grid_data(rows, features, seed=GRID_SEED):
    """BenchmarkData.grid(rows, features, seed): x uniform on [-1, 1), y from the first 8."""
    index = np.arange(rows * features, dtype=np.uint64)
    x = unit(seed, index).reshape(rows, features)
    y = np.zeros(rows)
    for j in range(min(8, features)):
        y = y + ((j + 1) / 8.0) * x[:, j]
    y = y + 0.5 * unit(seed, np.arange(rows, dtype=np.uint64) + np.uint64(rows * features))
    return x, y


def fit(x, y, members, n_jobs):
    model = BaggingRegressor(Ridge(alpha=1.0), n_estimators=members, bootstrap=True,
                             n_jobs=n_jobs, random_state=42)
    return model.fit(x, y)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", required=True, help="comma-separated ROWSxFEATURESxMEMBERS")
    parser.add_argument("--out", default="sklearn-grid.json")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=float("inf"),
                        help="stop repeating a cell once its fits took this many seconds")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc fit")
    parser.add_argument("--append", action="store_true",
                        help="add the cells to --out's cells when it exists (run-grid.sh runs one"
                             " cell at a time, alternating with rila's)")
    args = parser.parse_args()
    cells = [tuple(int(v) for v in c.split("x")) for c in args.cells.split(",")]

    results = {
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(),
                    "platform": platform.platform(),
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "settings": {"repeats": args.repeats,
                     "budget": args.budget if args.budget != float("inf") else None, "estimator": "BaggingRegressor(Ridge(alpha=1.0),"
                     " bootstrap=True, n_jobs=-1, random_state=42)"},
        "cells": [],
    }
    if args.append and os.path.exists(args.out):
        with open(args.out) as f:
            results["cells"] = json.load(f)["cells"]
    x, y = grid_data(50, 4)
    fit(x, y, 4, -1)  # start joblib's worker processes before anything is timed
    for rows, features, members in cells:
        x, y = grid_data(rows, features)
        times = []
        while len(times) < args.repeats and sum(times) < args.budget:
            start = time.perf_counter()
            model = fit(x, y, members, -1)
            times.append(time.perf_counter() - start)
        pickled = len(pickle.dumps(model))
        model = None
        entry = {"cell": f"{rows}x{features}x{members}", "rows": rows, "features": features,
                 "members": members, "seconds": statistics.median(times), "all": times,
                 "pickled_bytes": pickled}
        if not args.no_memory:
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            model = fit(x, y, members, 1)
            entry["peak_heap_bytes"] = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
            model = None
        results["cells"].append(entry)
        print(f"{entry['cell']}: {entry['seconds']:.3f} s", flush=True)
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
