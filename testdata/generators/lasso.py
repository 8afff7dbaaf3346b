"""Writes oracles/lasso.json: scikit-learn Lasso at fixed alphas and LassoCV with 5 folds.

Lasso minimises 1/(2n) |y - b - X beta|^2 + alpha |beta|_1 (coordinate descent, tol 1e-12:
converged to rounding). LassoCV: 100 alphas on a log grid down to eps = 1e-3 of alpha_max,
KFold(5) without shuffling, tol 1e-10 (the tolerance that reproduces the shipped path; it is
within 3e-10 relative of the converged path); mse_path is alphas x folds, as scikit-learn's
mse_path_.

    /usr/bin/python3 testdata/generators/lasso.py [--inputs FILE] [--out FILE]
"""
import numpy as np
from sklearn.linear_model import Lasso, LassoCV
from sklearn.model_selection import KFold

import common

ALPHAS = [0.5, 0.1, 0.01]
TOL = 1e-12
CV_TOL = 1e-10
MAX_ITER = 1000000


def main():
    args = common.arguments("lasso.json", __doc__)
    inputs = common.read(args.inputs)
    x = np.asarray(inputs["x"], dtype=float)
    y = np.asarray(inputs["y"], dtype=float)
    fits = []
    for alpha in ALPHAS:
        model = Lasso(alpha=alpha, tol=TOL, max_iter=MAX_ITER).fit(x, y)
        fits.append({"alpha": alpha, "coef": common.floats(model.coef_),
                     "intercept": float(model.intercept_)})
    cv = LassoCV(n_alphas=100, eps=1e-3, cv=KFold(5), tol=CV_TOL, max_iter=MAX_ITER).fit(x, y)
    out = {
        "x": inputs["x"], "y": inputs["y"], "fits": fits,
        "lasso_cv": {"folds": "KFold(5), no shuffle", "n_alphas": 100, "eps": 0.001,
                     "alphas": common.floats(cv.alphas_), "alpha_best": float(cv.alpha_),
                     "mse_path": common.floats(cv.mse_path_), "coef": common.floats(cv.coef_),
                     "intercept": float(cv.intercept_)},
        "meta": common.versions(),
    }
    common.write(args.out, out)


if __name__ == "__main__":
    main()
