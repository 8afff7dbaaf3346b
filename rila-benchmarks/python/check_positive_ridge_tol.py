"""How far scikit-learn's Ridge(positive=True) members stop from the exact optimum, by tol.

Reads rila-bootstrap/src/test/resources/oracles/production_forecast.json (written by
make_production_forecast_oracle.py), prints the member-objective gaps of its six detail
cutoffs, counts the cutoffs whose worst member is more than 1e-6 above the optimum, and refits
cutoff 87 (the one with the largest forecast difference to rila) with tol=1e-4 (the default)
and tol=1e-10. Used for docs/migrating-from-scikit-learn.md. Run from the repository root:
    OPENBLAS_NUM_THREADS=1 V/bin/python rila-benchmarks/python/check_positive_ridge_tol.py
"""

import json
import os
import sys

import numpy as np
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_production_forecast_oracle import OUT, exact_member, objective  # noqa: E402


def main():
    with open(OUT) as f:
        d = json.load(f)
    for det in d["detail"]:
        gap = np.array(det["member_objective_sklearn"]) / np.array(det["member_objective_exact"]) - 1
        print(f"cutoff {det['cutoff']}: member objective gap median {np.median(gap):.3g},"
              f" max {gap.max():.3g}, members above 1e-9: {(gap > 1e-9).sum()}")
    worst = np.array(d["worst_objective_gap_sklearn"])
    print(f"cutoffs whose worst member gap > 1e-6: {(worst > 1e-6).sum()} of {len(worst)};"
          f" max {worst.max():.3g} at cutoff {d['cutoffs'][int(worst.argmax())]}")
    x, y, w = np.array(d["x"]), np.array(d["y_log"]), np.array(d["weights"])
    c = 87
    for tol in [1e-4, 1e-10]:
        model = BaggingRegressor(estimator=Ridge(alpha=d["alpha"], positive=True, tol=tol),
                                 n_estimators=d["members"], random_state=d["random_state"])
        model.fit(x[:c], y[:c], sample_weight=w[:c])
        gaps = []
        for member, drawn in zip(model.estimators_, model.estimators_samples_):
            counts = np.bincount(drawn, minlength=c).astype(float)
            coef, intercept = exact_member(x[:c], y[:c], counts)
            best = objective(x[:c], y[:c], counts, coef, intercept)
            gaps.append(objective(x[:c], y[:c], counts, member.coef_, member.intercept_) / best - 1)
        print(f"cutoff {c}, tol {tol:g}: worst member objective gap {max(gaps):.3g}")


if __name__ == "__main__":
    main()
