"""Writes oracles/ridge.json: scikit-learn Ridge(alpha, fit_intercept=True) with sample weights.

Run from anywhere with Debian's /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 testdata/generators/ridge.py [--inputs FILE] [--out FILE]
"""
import numpy as np
from sklearn.linear_model import Ridge

import common

WHAT = ("sklearn Ridge(alpha, fit_intercept=True).fit(x, y, sample_weight): minimise"
        " sum w_i (y_i - b - x_i.beta)^2 + alpha |beta|^2")


def case(c):
    x = np.asarray(c["x"], dtype=float)
    y = np.asarray(c["y"], dtype=float)
    w = common.weights_or_none(c["sample_weight"])
    model = Ridge(alpha=c["alpha"], fit_intercept=True).fit(x, y, sample_weight=w)
    return {"n": x.shape[0], "p": x.shape[1], "alpha": c["alpha"], "x": c["x"], "y": c["y"],
            "sample_weight": c["sample_weight"], "coef": common.floats(model.coef_),
            "intercept": float(model.intercept_)}


def main():
    args = common.arguments("ridge.json", __doc__)
    inputs = common.read(args.inputs)
    common.write(args.out, {"what": WHAT, "cases": [case(c) for c in inputs["cases"]],
                            "meta": common.versions()})


if __name__ == "__main__":
    main()
