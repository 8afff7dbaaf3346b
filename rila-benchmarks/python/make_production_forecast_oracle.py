"""Writes rila-bootstrap/src/test/resources/oracles/production_forecast.json.

The production forecasting stage of the RILA 6Y20B system (public repository
brandonmbehring-dev/annuity-price-elasticity-v3: src/data/forecasting_atomic_ops.py,
src/models/forecasting_atomic_models.py, src/models/forecasting_orchestrator.py,
src/config/builders/forecasting_builders.py), run here with scikit-learn 1.9.1 on
final_weekly_dataset.csv, as the reference for rila's Backtest on the same recipe:

  rows     sales != 0, date > 2022-04-01, then the last row dropped (191 rows, holidays kept)
  weights  0.98 ** (n - k - 1) over the 191 rows, computed once; cutoff c uses w[:c] as is
  X        prudential_rate_current, competitor_mid_t2, -competitor_top5_t3
  y        log(sales_target_current)
  model    BaggingRegressor(Ridge(alpha=1.0, positive=True), n_estimators=100, random_state=42)
           .fit(X[:c], y[:c], sample_weight=w[:c]) at every cutoff c = 30 .. 190
  forecast mean over members of exp(member prediction of row c); bands np.percentile of the
           same at 2.5 / 25 / 50 / 75 / 97.5
  actual   sales_by_contract_date of row c; benchmark sales_target_contract_t5 of row c - 1
  metrics  sklearn r2_score and 100 * mean_absolute_percentage_error, unweighted

Ridge(positive=True) is solved by L-BFGS-B (tol=1e-4), so its members stop short of the exact
constrained optimum. For the cutoffs in DETAIL_CUTOFFS the file also holds every member's drawn
rows (estimators_samples_), coefficients, intercept, log-scale prediction of row c, and the
member's objective
    sum_i counts_i (y_i - b0 - x_i . b)^2 + alpha |b|^2
at scikit-learn's solution and at the exact optimum from scipy.optimize.lsq_linear (BVLS on the
augmented system, intercept free, b >= 0, tol 1e-14), so a reader can see which solution is
closer to the optimum. For every cutoff it holds each member's log-scale prediction of row c,
a fingerprint of its drawn rows (sum of the row indices plus 65536 times the sum of their
squares: the draws are equal when these are, barring a collision), and the largest relative gap
between scikit-learn's member objective and the exact optimum. The script checks that each member is Ridge(positive=True) refitted with
sample_weight = bincount(drawn rows), i.e. the >= 1.8 weighting rule: rows drawn with
probability w / sum(w), members weighted by their counts only.

Run from the repository root (a venv with scikit-learn 1.9.1, numpy, scipy, pandas):
    python3 -m venv V && V/bin/pip install scikit-learn==1.9.1 numpy scipy pandas
    OPENBLAS_NUM_THREADS=1 V/bin/python rila-benchmarks/python/make_production_forecast_oracle.py [DATA_FOLDER]
DATA_FOLDER holds final_weekly_dataset.csv (default ../shared/data/rila-6y20b).
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.optimize import lsq_linear
from sklearn.ensemble import BaggingRegressor
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error, r2_score

OUT = os.path.join(
    "rila-bootstrap", "src", "test", "resources", "oracles", "production_forecast.json")
FEATURES = ["prudential_rate_current", "competitor_mid_t2", "competitor_top5_t3"]
NEGATED = [False, False, True]
ALPHA = 1.0
MEMBERS = 100
RANDOM_STATE = 42
DECAY = 0.98
START = 30
PERCENTILES = [2.5, 25, 50, 75, 97.5]
DETAIL_CUTOFFS = [30, 31, 60, 100, 150, 190]


def production_rows(path):
    # round_trip: the CSV holds repr() values; the default parser can be 1 ulp off
    df = pd.read_csv(path, parse_dates=["date"], float_precision="round_trip")
    df = df[df["sales"] != 0]
    df = df[df["date"] > pd.Timestamp("2022-04-01")]
    return df.iloc[:-1].reset_index(drop=True)


def objective(x, y, counts, coef, intercept):
    r = y - intercept - x @ coef
    return float(np.sum(counts * r * r) + ALPHA * np.dot(coef, coef))


def exact_member(x, y, counts):
    """The exact minimiser of the member objective with b >= 0 and a free intercept."""
    s = np.sqrt(counts)
    p = x.shape[1]
    a = np.vstack([np.column_stack([s, x * s[:, None]]),
                   np.column_stack([np.zeros(p), np.sqrt(ALPHA) * np.eye(p)])])
    b = np.concatenate([y * s, np.zeros(p)])
    lower = np.concatenate([[-np.inf], np.zeros(p)])
    res = lsq_linear(a, b, bounds=(lower, np.full(p + 1, np.inf)), method="bvls", tol=1e-14)
    return res.x[1:], res.x[0]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data", "rila-6y20b")
    df = production_rows(os.path.join(folder, "final_weekly_dataset.csv"))
    n = len(df)
    weights = DECAY ** (n - np.arange(n) - 1)
    x = df[FEATURES].to_numpy(dtype=float).copy()
    x[:, NEGATED] = -x[:, NEGATED]
    y = np.log(df["sales_target_current"].to_numpy(dtype=float))
    actual = df["sales_by_contract_date"].to_numpy(dtype=float)
    bench_col = df["sales_target_contract_t5"].to_numpy(dtype=float)

    cutoffs, forecasts, bands, benchmark, actuals, details = [], [], [], [], [], []
    log_predictions, fingerprints, worst_gap = [], [], []
    for c in range(START, n):
        model = BaggingRegressor(
            estimator=Ridge(alpha=ALPHA, positive=True), n_estimators=MEMBERS,
            random_state=RANDOM_STATE)
        model.fit(x[:c], y[:c], sample_weight=weights[:c])
        members = np.array([m.predict(x[c:c + 1])[0] for m in model.estimators_])
        sales = np.exp(members)
        cutoffs.append(c)
        forecasts.append(float(np.mean(sales)))
        bands.append(np.percentile(sales, PERCENTILES).tolist())
        benchmark.append(float(bench_col[c - 1]))
        actuals.append(float(actual[c]))
        log_predictions.append(members.tolist())
        fingerprints.append([int(np.sum(d)) + 65536 * int(np.sum(d.astype(np.int64) ** 2))
                             for d in model.estimators_samples_])
        gaps = []
        for m, drawn in zip(model.estimators_, model.estimators_samples_):
            counts = np.bincount(drawn, minlength=c).astype(float)
            exact_coef, exact_intercept = exact_member(x[:c], y[:c], counts)
            best = objective(x[:c], y[:c], counts, exact_coef, exact_intercept)
            gaps.append(objective(x[:c], y[:c], counts, m.coef_, m.intercept_) / best - 1)
        worst_gap.append(float(max(gaps)))
        if c in DETAIL_CUTOFFS:
            rows, coef, intercept, obj_sk, obj_exact = [], [], [], [], []
            for m, drawn in zip(model.estimators_, model.estimators_samples_):
                counts = np.bincount(drawn, minlength=c).astype(float)
                refit = Ridge(alpha=ALPHA, positive=True).fit(x[:c], y[:c], sample_weight=counts)
                assert np.array_equal(refit.coef_, m.coef_) and refit.intercept_ == m.intercept_
                exact_coef, exact_intercept = exact_member(x[:c], y[:c], counts)
                rows.append(np.sort(drawn).tolist())
                coef.append(m.coef_.tolist())
                intercept.append(float(m.intercept_))
                obj_sk.append(objective(x[:c], y[:c], counts, m.coef_, m.intercept_))
                obj_exact.append(objective(x[:c], y[:c], counts, exact_coef, exact_intercept))
            details.append({
                "cutoff": c,
                "member_rows_sorted": rows,
                "member_coef": coef,
                "member_intercept": intercept,
                "member_objective_sklearn": obj_sk,
                "member_objective_exact": obj_exact,
                "member_log_predictions": members.tolist(),
            })

    forecasts_arr = np.array(forecasts)
    actuals_arr = np.array(actuals)
    bench_arr = np.array(benchmark)
    meta = {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "pandas": pd.__version__,
        "script": "rila-benchmarks/python/make_production_forecast_oracle.py",
        "data": "final_weekly_dataset.csv of the RILA 6Y20B reference data",
        "recipe": "rows sales != 0 and date > 2022-04-01, last row dropped; w = 0.98 ** (n - k - 1)"
                  " once over n rows; X = prudential_rate_current, competitor_mid_t2,"
                  " -competitor_top5_t3; y = log(sales_target_current); BaggingRegressor(Ridge("
                  "alpha=1.0, positive=True), n_estimators=100, random_state=42).fit(X[:c], y[:c],"
                  " sample_weight=w[:c]); forecast = mean(exp(members)); actual ="
                  " sales_by_contract_date[c]; benchmark = sales_target_contract_t5[c - 1]",
    }
    out = {
        "meta": meta,
        "rows": n,
        "first_date": str(df["date"].iloc[0].date()),
        "last_date": str(df["date"].iloc[-1].date()),
        "holiday_rows": int(df["holiday"].sum()),
        "alpha": ALPHA,
        "members": MEMBERS,
        "random_state": RANDOM_STATE,
        "decay": DECAY,
        "x": x.tolist(),
        "y_log": y.tolist(),
        "weights": weights.tolist(),
        "percentiles": PERCENTILES,
        "cutoffs": cutoffs,
        "forecast": forecasts,
        "bands": bands,
        "actual": actuals,
        "benchmark": benchmark,
        "member_log_predictions": log_predictions,
        "member_draw_fingerprints": fingerprints,
        "worst_objective_gap_sklearn": worst_gap,
        "r2": float(r2_score(actuals_arr, forecasts_arr)),
        "mape_percent": float(100 * mean_absolute_percentage_error(actuals_arr, forecasts_arr)),
        "benchmark_r2": float(r2_score(actuals_arr, bench_arr)),
        "benchmark_mape_percent": float(
            100 * mean_absolute_percentage_error(actuals_arr, bench_arr)),
        "detail": details,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"rows {n}, cutoffs {cutoffs[0]}..{cutoffs[-1]}: R2 {out['r2']:.6f} "
          f"MAPE {out['mape_percent']:.4f}%, benchmark R2 {out['benchmark_r2']:.6f} "
          f"MAPE {out['benchmark_mape_percent']:.4f}%")


if __name__ == "__main__":
    main()
