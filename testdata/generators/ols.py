"""Writes oracles/ols.json: statsmodels OLS with an intercept and its fit statistics.

    /usr/bin/python3 testdata/generators/ols.py [--inputs FILE] [--out FILE]
(needs statsmodels: Debian's python3-statsmodels 0.13.5)
"""
import numpy as np
import statsmodels.api as sm

import common

WHAT = ("statsmodels OLS(y, add_constant(x)).fit(): params (intercept first), bse, aic, bic,"
        " llf, ssr, rsquared")


def case(c):
    x = np.asarray(c["x"], dtype=float)
    y = np.asarray(c["y"], dtype=float)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    return {"x": c["x"], "y": c["y"], "params_const_first": common.floats(fit.params),
            "bse": common.floats(fit.bse), "aic": float(fit.aic), "bic": float(fit.bic),
            "llf": float(fit.llf), "ssr": float(fit.ssr), "rsquared": float(fit.rsquared)}


def main():
    args = common.arguments("ols.json", __doc__)
    inputs = common.read(args.inputs)
    common.write(args.out, {"what": WHAT, "cases": [case(c) for c in inputs["cases"]],
                            "meta": common.versions()})


if __name__ == "__main__":
    main()
