"""Writes oracles/bagging_ridge.json: scikit-learn BaggingRegressor(Ridge) up to version 1.7.

Runs the real BaggingRegressor of scikit-learn 1.2.1 (weighting: member k is fitted with
sample_weight = w * bincount(rows_k)) and stores every member's coefficients, intercept and
predictions at x_new. The docstring's rule is checked against the fitted members.

    /usr/bin/python3 testdata/generators/bagging_ridge.py [--inputs FILE] [--out FILE]
"""
import numpy as np
import sklearn
from numpy.random import RandomState
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge

import common

WHAT = ("sklearn BaggingRegressor(Ridge(alpha), n_estimators, random_state, bootstrap=True)"
        ".fit(x, y, sample_weight); member i uses seed RandomState(random_state).randint(2**31-1,"
        " size=N)[i], rows RandomState(seed).randint(0, n, n), and Ridge sample_weight ="
        " w * bincount(rows)")


def case(c):
    assert tuple(int(v) for v in sklearn.__version__.split(".")[:2]) < (1, 8), \
        "this is the pre-1.8 rule: run with scikit-learn <= 1.7 (Debian's 1.2.1)"
    x = np.asarray(c["x"], dtype=float)
    y = np.asarray(c["y"], dtype=float)
    w = common.weights_or_none(c["sample_weight"])
    n = x.shape[0]
    bag = BaggingRegressor(Ridge(alpha=c["alpha"]), n_estimators=c["estimators"],
                           random_state=c["random_state"], bootstrap=True).fit(x, y, sample_weight=w)
    x_new = np.asarray(c["x_new"], dtype=float)
    seeds = RandomState(c["random_state"]).randint(np.iinfo(np.int32).max, size=c["estimators"])
    coef, intercept, predictions = [], [], []
    for seed, member in zip(seeds, bag.estimators_):
        counts = np.bincount(RandomState(seed).randint(0, n, n), minlength=n).astype(float)
        rule = Ridge(alpha=c["alpha"]).fit(x, y, sample_weight=counts if w is None else w * counts)
        assert np.allclose(rule.coef_, member.coef_, rtol=1e-12, atol=0)
        coef.append(common.floats(member.coef_))
        intercept.append(float(member.intercept_))
        predictions.append(common.floats(member.predict(x_new)))
    return {"n": n, "p": x.shape[1], "estimators": c["estimators"],
            "random_state": c["random_state"], "alpha": c["alpha"], "x": c["x"], "y": c["y"],
            "sample_weight": c["sample_weight"], "member_coef": coef,
            "member_intercept": intercept, "x_new": c["x_new"],
            "member_predictions_x_new": predictions,
            "mean_prediction_x_new": common.floats(bag.predict(x_new))}


def main():
    args = common.arguments("bagging_ridge.json", __doc__)
    inputs = common.read(args.inputs)
    common.write(args.out, {"what": WHAT, "cases": [case(c) for c in inputs["cases"]],
                            "meta": common.versions()})


if __name__ == "__main__":
    main()
