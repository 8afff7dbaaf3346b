"""Writes oracles/percentile.json: numpy.percentile(data, q, method='linear') in float64.

A case marked float32_input holds float32 values (the precision of rila's float coefficient
store); they are checked to be float32-exact and the percentiles are still computed in float64.

    /usr/bin/python3 testdata/generators/percentile.py [--inputs FILE] [--out FILE]
"""
import numpy as np

import common

WHAT = "numpy.percentile(data, q, method='linear') computed in float64"


def case(c):
    data = np.asarray(c["data"], dtype=float)
    q = np.asarray(c["q_percent"], dtype=float)
    out = {"data": c["data"]}
    if "float32_input" in c:
        assert not c["float32_input"] or np.array_equal(data.astype(np.float32), data)
        out["float32_input"] = c["float32_input"]
    out["q_percent"] = c["q_percent"]
    out["expected"] = common.floats(np.percentile(data, q, method="linear"))
    return out


def main():
    args = common.arguments("percentile.json", __doc__)
    inputs = common.read(args.inputs)
    common.write(args.out, {"what": WHAT, "cases": [case(c) for c in inputs["cases"]],
                            "meta": common.versions()})


if __name__ == "__main__":
    main()
