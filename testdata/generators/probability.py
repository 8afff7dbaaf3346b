"""Writes oracles/bagging_ridge_probability.json: BaggingRegressor(Ridge) from scikit-learn 1.8.

From scikit-learn 1.8, BaggingRegressor(Ridge(alpha), n_estimators, random_state,
bootstrap=True).fit(X, y, sample_weight=w) with the default max_samples draws each member's
rows with probabilities w / sum(w) and fits the member Ridge with sample_weight = the counts
only. With scikit-learn >= 1.8 (e.g. a venv with scikit-learn 1.9.1) this script fits the real
BaggingRegressor and stores its members; it also checks them against the rule spelled out with
numpy (the rila reading of sklearn/ensemble/_bagging.py):

    seeds = RandomState(random_state).randint(np.iinfo(np.int32).max, size=n_estimators)
    rows_k = RandomState(seeds[k]).choice(n, n, replace=True, p=w / np.sum(w))
    member_k = Ridge(alpha).fit(X, y, sample_weight=np.bincount(rows_k, minlength=n))

With an older scikit-learn (Debian's 1.2.1) it writes the spelled-out rule instead and says so
in meta.source. The inputs are drawn here from fixed seeds (no --inputs needed).

    python3 -m venv V && V/bin/pip install scikit-learn==1.9.1
    V/bin/python testdata/generators/probability.py [--out FILE]
"""
import numpy as np
import sklearn
from numpy.random import RandomState
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge

import common

RULE = ("scikit-learn >= 1.8 BaggingRegressor(Ridge) with sample_weight, max_samples=None:"
        " rows = RandomState(seed_k).choice(n, n, p=w / sum(w)),"
        " member sample_weight = bincount(rows)")


def real_bagging():
    return tuple(int(v) for v in sklearn.__version__.split(".")[:2]) >= (1, 8)


def inputs(n, p, data_seed, zero_rows):
    """x, y, w, x_new for one case, from RandomState(data_seed)."""
    rng = RandomState(data_seed)
    x = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    beta = rng.normal(size=p)
    y = 1.5 + x @ beta + 0.5 * rng.normal(size=n)
    w = rng.uniform(0.2, 5.0, size=n) ** 2
    w[zero_rows] = 0.0
    return x, y, w, rng.normal(size=(2, p))


def case(name, n, p, alpha, estimators, random_state, data_seed, zero_rows):
    x, y, w, x_new = inputs(n, p, data_seed, zero_rows)
    seeds = RandomState(random_state).randint(np.iinfo(np.int32).max, size=estimators)
    rule_rows = [RandomState(s).choice(n, n, replace=True, p=w / np.sum(w)) for s in seeds]
    rule_members = [Ridge(alpha=alpha).fit(x, y, sample_weight=np.bincount(r, minlength=n))
                    for r in rule_rows]
    if real_bagging():
        bag = BaggingRegressor(Ridge(alpha=alpha), n_estimators=estimators,
                               random_state=random_state, bootstrap=True)
        bag.fit(x, y, sample_weight=w)
        members = bag.estimators_
        rows = [np.asarray(r) for r in bag.estimators_samples_]
        # the rule above is what 1.8+ does: same seeds, same rows, same members
        assert np.array_equal(np.asarray(bag._seeds), seeds)
        for k in range(estimators):
            assert np.array_equal(np.sort(rows[k]), np.sort(rule_rows[k])), (name, k)
            assert np.allclose(members[k].coef_, rule_members[k].coef_, rtol=1e-12, atol=1e-14)
        rows = rule_rows  # in draw order (estimators_samples_ may not keep it)
    else:
        members, rows = rule_members, rule_rows
    coef = np.array([m.coef_ for m in members])
    intercept = np.array([float(m.intercept_) for m in members])
    predictions = np.array([m.predict(x_new) for m in members])  # members x new rows
    return {
        "name": name, "n": n, "p": p, "alpha": alpha, "estimators": estimators,
        "random_state": random_state, "x": common.floats(x), "y": common.floats(y),
        "sample_weight": common.floats(w), "member_seeds": seeds.tolist(),
        "member_rows": [r.tolist() for r in rows], "member_coef": common.floats(coef),
        "member_intercept": common.floats(intercept), "x_new": common.floats(x_new),
        "member_predictions_x_new": common.floats(predictions),
        "mean_prediction_x_new": common.floats(predictions.mean(axis=0)),
    }


def main():
    args = common.arguments("bagging_ridge_probability.json", __doc__)
    cases = [
        case("n40_p5_alpha1", 40, 5, 1.0, 8, 7, 11, [3, 17, 29]),
        case("n12_p20_alpha0.3", 12, 20, 0.3, 6, 42, 12, [5]),
        case("n40_p5_alpha0.3", 40, 5, 0.3, 5, 42, 13, [0, 39]),
    ]
    meta = {
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "script": "testdata/generators/probability.py",
        "source": ("BaggingRegressor(Ridge) of scikit-learn " + sklearn.__version__
                   if real_bagging() else "the rule spelled out with numpy and Ridge"),
        "rule": RULE,
    }
    common.write(args.out, {"meta": meta, "cases": cases}, indent=1)


if __name__ == "__main__":
    main()
