"""Writes oracles/ridge_nonnegative.json: weighted Ridge with coefficients >= 0, free intercept.

The optimum of sum w_i (y_i - b - x_i.beta)^2 + alpha |beta|^2 subject to beta >= 0, i.e. what
scikit-learn's Ridge(positive=True) approximates (its L-BFGS-B stops at tol=1e-4, so it is not
used for the expected values). Solved exactly: the intercept is profiled out by weighted
centring, and the constrained problem on the centred data is the non-negative least squares
problem min |A beta - c|, A = [sqrt(w) Xc ; sqrt(alpha) I], c = [sqrt(w) yc ; 0], solved by
scipy's NNLS (Lawson-Hanson active set). The script also checks the Karush-Kuhn-Tucker
conditions of every solution and prints how far scikit-learn's Ridge(positive=True) lands.

    /usr/bin/python3 testdata/generators/ridge_nonnegative.py [--inputs FILE] [--out FILE]
"""
import numpy as np
from scipy.optimize import nnls
from sklearn.linear_model import Ridge

import common

WHAT = ("argmin sum w_i (y_i - b - x_i.beta)^2 + alpha |beta|^2 subject to beta >= 0"
        " (sklearn Ridge(positive=True) semantics, solved exactly)")


def solve(x, y, w, alpha):
    w = np.ones(len(y)) if w is None else w
    mu = w @ x / w.sum()
    ybar = w @ y / w.sum()
    xc, yc = x - mu, y - ybar
    s = np.sqrt(w)
    a = np.vstack([s[:, None] * xc, np.sqrt(alpha) * np.eye(x.shape[1])])
    c = np.concatenate([s * yc, np.zeros(x.shape[1])])
    beta, _ = nnls(a, c, maxiter=100 * x.shape[1])
    # KKT: the gradient of the objective is zero on the support and >= 0 off it
    grad = 2 * (xc.T @ (w * (xc @ beta - yc)) + alpha * beta)
    scale = np.abs(2 * xc.T @ (w * yc)).max()
    assert np.all(np.abs(grad[beta > 0]) <= 1e-9 * scale), grad
    assert np.all(grad[beta == 0] >= -1e-9 * scale), grad
    return beta, ybar - mu @ beta


def case(c):
    x = np.asarray(c["x"], dtype=float)
    y = np.asarray(c["y"], dtype=float)
    w = common.weights_or_none(c["sample_weight"])
    beta, intercept = solve(x, y, w, c["alpha"])
    sk = Ridge(alpha=c["alpha"], positive=True).fit(x, y, sample_weight=w)
    print("n=%d p=%d: scikit-learn Ridge(positive=True) differs by at most %.2g in a coefficient"
          % (x.shape[0], x.shape[1], np.abs(sk.coef_ - beta).max()))
    return {"n": x.shape[0], "p": x.shape[1], "alpha": c["alpha"], "x": c["x"], "y": c["y"],
            "sample_weight": c["sample_weight"], "coef": common.floats(beta),
            "intercept": float(intercept)}


def main():
    args = common.arguments("ridge_nonnegative.json", __doc__)
    inputs = common.read(args.inputs)
    common.write(args.out, {"what": WHAT, "cases": [case(c) for c in inputs["cases"]],
                            "meta": common.versions()})


if __name__ == "__main__":
    main()
