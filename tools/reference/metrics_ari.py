#!/usr/bin/python3
"""Fixture for Vae.Core.Metrics.Clustering.AdjustedRandIndex: sklearn.metrics.adjusted_rand_score on random and edge-case
label pairs.

Regenerate (Debian's python3-sklearn 1.2.1, numpy 1.24):
    /usr/bin/python3 tools/reference/metrics_ari.py > tests/Vae.Tests/Fixtures/metrics/ari.json
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score

rng = np.random.default_rng(20240605)
cases = []
for size, k_true, k_pred in [(2, 2, 2), (10, 3, 3), (50, 4, 2), (100, 5, 5), (200, 3, 7), (1000, 4, 4), (37, 1, 3), (64, 64, 8)]:
    a = rng.integers(0, k_true, size)
    b = rng.integers(0, k_pred, size)
    cases.append((a, b))
    # a partially agreeing pair: copy a and relabel/perturb 20% of it
    c = (a * 7 + 3) % max(k_true, 1) if k_true > 1 else a.copy()
    flip = rng.random(size) < 0.2
    c = np.where(flip, rng.integers(0, k_true, size), c)
    cases.append((a, c))
edge = [
    ([0, 0, 1, 1], [1, 1, 0, 0]),
    ([0, 0, 0, 0], [0, 0, 0, 0]),
    ([0, 1, 2, 3], [0, 1, 2, 3]),
    ([0, 0, 0, 0], [0, 1, 2, 3]),
    ([0, 0, 1, 1], [0, 1, 0, 1]),
    ([5, 5, -2, -2, 9], [1, 1, 1, 2, 2]),
]
out = {"sklearn": sklearn.__version__, "cases": []}
for a, b in cases + [(np.array(x), np.array(y)) for x, y in edge]:
    out["cases"].append({"true": [int(v) for v in a], "pred": [int(v) for v in b], "ari": float(adjusted_rand_score(a, b))})
print(json.dumps(out))
