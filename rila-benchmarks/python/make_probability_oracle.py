"""Writes rila-bootstrap/src/test/resources/oracles/bagging_ridge_probability.json.

The oracle for Resampling.sklearnCompatible(randomState, SklearnWeighting.PROBABILITY):
scikit-learn 1.8's BaggingRegressor(Ridge(alpha), n_estimators, random_state,
bootstrap=True) with sample_weight and the default max_samples=None (n draws). scikit-learn
1.2.1 does not implement that rule, so it is spelled out here with numpy and sklearn's Ridge,
as sklearn/ensemble/_bagging.py does in 1.8:

    seeds = RandomState(random_state).randint(np.iinfo(np.int32).max, size=n_estimators)
    rows_k = RandomState(seeds[k]).choice(n, n, replace=True, p=w / np.sum(w))
    member_k = Ridge(alpha).fit(X, y, sample_weight=np.bincount(rows_k, minlength=n))

(1.8 first draws the feature indices from the same RandomState; with max_features equal to
the number of features and bootstrap_features=False that draw consumes no random numbers.)

Run from the repository root with /usr/bin/python3 (numpy 1.24, scikit-learn 1.2.1):
    /usr/bin/python3 rila-benchmarks/python/make_probability_oracle.py
"""

import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge

OUT = os.path.join(
    "rila-bootstrap", "src", "test", "resources", "oracles", "bagging_ridge_probability.json")


def make_case(name, n, p, alpha, estimators, random_state, data_seed, zero_rows):
    rng = np.random.RandomState(data_seed)
    x = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    beta = rng.normal(size=p)
    y = 1.5 + x @ beta + 0.5 * rng.normal(size=n)
    w = rng.uniform(0.2, 5.0, size=n) ** 2
    w[zero_rows] = 0.0
    x_new = rng.normal(size=(2, p))

    seeds = np.random.RandomState(random_state).randint(np.iinfo(np.int32).max, size=estimators)
    prob = w / np.sum(w)
    rows, coef, intercept = [], [], []
    for seed in seeds:
        drawn = np.random.RandomState(seed).choice(n, n, replace=True, p=prob)
        member = Ridge(alpha=alpha).fit(x, y, sample_weight=np.bincount(drawn, minlength=n))
        rows.append(drawn.tolist())
        coef.append(member.coef_.tolist())
        intercept.append(float(member.intercept_))
    coef_arr = np.array(coef)
    predictions = (x_new @ coef_arr.T + np.array(intercept)).T  # members x new rows
    return {
        "name": name,
        "n": n,
        "p": p,
        "alpha": alpha,
        "estimators": estimators,
        "random_state": random_state,
        "x": x.tolist(),
        "y": y.tolist(),
        "sample_weight": w.tolist(),
        "member_seeds": seeds.tolist(),
        "member_rows": rows,
        "member_coef": coef,
        "member_intercept": intercept,
        "x_new": x_new.tolist(),
        "member_predictions_x_new": predictions.tolist(),
        "mean_prediction_x_new": predictions.mean(axis=0).tolist(),
    }


def main():
    cases = [
        make_case("n40_p5_alpha1", 40, 5, 1.0, 8, 7, 11, [3, 17, 29]),
        make_case("n12_p20_alpha0.3", 12, 20, 0.3, 6, 42, 12, [5]),
        make_case("n40_p5_alpha0.3", 40, 5, 0.3, 5, 42, 13, [0, 39]),
    ]
    meta = {
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "script": "rila-benchmarks/python/make_probability_oracle.py",
        "rule": "scikit-learn >= 1.8 BaggingRegressor(Ridge) with sample_weight, max_samples=None:"
                " rows = RandomState(seed_k).choice(n, n, p=w / sum(w)),"
                " member sample_weight = bincount(rows)",
    }
    with open(OUT, "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
