"""Writes oracles/random_state.json: draws of numpy's legacy RandomState (MT19937).

Every value follows from the seeds and sizes below, except the probability weights w of the
choice case, which are read from --inputs (they were drawn by the original script).

    /usr/bin/python3 testdata/generators/random_state.py [--inputs FILE] [--out FILE]
"""
import numpy as np
from numpy.random import RandomState

import common


def main():
    args = common.arguments("random_state.json", __doc__)
    inputs = common.read(args.inputs)
    seeds_rs = 1679065552
    out = {
        "seeds_from_random_state": {
            "random_state": seeds_rs,
            "call": "RandomState(random_state).randint(2147483647, size=20)",
            "values": RandomState(seeds_rs).randint(2147483647, size=20).tolist(),
        },
        "randint": [
            {"seed": seed, "call": "RandomState(seed).randint(0, n, n)", "n": n,
             "values": RandomState(seed).randint(0, n, n).tolist()}
            for seed, n in [(7, 152), (123456789, 10), (2147483646, 1000)]
        ],
        "random_sample": {
            "seed": 11, "call": "RandomState(11).random_sample(12)",
            "values": RandomState(11).random_sample(12).tolist(),
        },
    }
    w = np.asarray(inputs["choice_with_p"]["w"], dtype=float)
    out["choice_with_p"] = {
        "seed": 5, "call": "RandomState(5).choice(60, 60, replace=True, p=w/w.sum())",
        "w": inputs["choice_with_p"]["w"],
        "values": RandomState(5).choice(60, 60, replace=True, p=w / w.sum()).tolist(),
    }
    out["meta"] = common.versions()
    common.write(args.out, out)


if __name__ == "__main__":
    main()
