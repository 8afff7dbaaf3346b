"""Writes oracles/ridge_cv.json: scikit-learn RidgeCV's efficient leave-one-out.

RidgeCV(alphas) with the default cv=None (generalised cross-validation by the closed-form
leave-one-out residuals, squared error); loo_mse_per_alpha is the mean over rows of the stored
leave-one-out squared errors (store_cv_values=True, scikit-learn 1.2.1's name).

    /usr/bin/python3 testdata/generators/ridge_cv.py [--inputs FILE] [--out FILE]
"""
import numpy as np
from sklearn.linear_model import RidgeCV

import common

WHAT = "sklearn RidgeCV(alphas) default efficient leave-one-out (squared error)"


def main():
    args = common.arguments("ridge_cv.json", __doc__)
    inputs = common.read(args.inputs)
    x = np.asarray(inputs["x"], dtype=float)
    y = np.asarray(inputs["y"], dtype=float)
    alphas = inputs["alphas"]
    model = RidgeCV(alphas=alphas, store_cv_values=True).fit(x, y)
    out = {"what": WHAT, "x": inputs["x"], "y": inputs["y"], "alphas": alphas,
           "alpha_best": float(model.alpha_),
           "loo_mse_per_alpha": common.floats(model.cv_values_.mean(axis=0)),
           "coef": common.floats(model.coef_), "intercept": float(model.intercept_),
           "meta": common.versions()}
    common.write(args.out, out)


if __name__ == "__main__":
    main()
