"""Shared helpers of the oracle generators: paths, versions, the stored inputs, JSON output.

Every generator writes one file of testdata/oracles. The inputs of the scikit-learn 1.2.1 /
numpy 1.24 / statsmodels 0.13 families (the x, y, weights, seeds and data arrays) were drawn by
a script that is not part of this repository (its files record only `"seed": 1`), so these
generators read the inputs back from the shipped JSON and recompute every expected value from
them; --inputs names another file to take them from. See README.md.
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLES = os.path.normpath(os.path.join(HERE, "..", "oracles"))


def arguments(name, description):
    """Parses --inputs and --out for the oracle file NAME (e.g. ridge.json)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--inputs", default=os.path.join(ORACLES, name),
                        help="JSON file to read the inputs from (default: the shipped oracle)")
    parser.add_argument("--out", default=os.path.join(ORACLES, name),
                        help="where to write the oracle (default: overwrite the shipped one)")
    return parser.parse_args()


def read(path):
    with open(path) as f:
        return json.load(f)


def versions(seed=1):
    """The meta block of the 1.2.1-era files: library versions and the recorded input seed."""
    import numpy
    import sklearn
    meta = {"sklearn": sklearn.__version__, "numpy": numpy.__version__}
    try:
        import statsmodels
        meta["statsmodels"] = statsmodels.__version__
    except ImportError:
        meta["statsmodels"] = None
    meta["seed"] = seed
    return meta


def write(path, obj, indent=None):
    """Writes OBJ as JSON the way the shipped files are written (compact unless INDENT)."""
    with open(path, "w") as f:
        if indent is None:
            json.dump(obj, f, separators=(",", ":"))
        else:
            json.dump(obj, f, indent=indent)
            f.write("\n")


def floats(array):
    """A numpy array (any shape) as nested lists of Python floats."""
    return array.astype(float).tolist()


def weights_or_none(values):
    import numpy as np
    return None if values is None else np.asarray(values, dtype=float)
