#!/usr/bin/python3
"""ROC fixtures from scikit-learn for Vae.Core.Metrics.RocCurve and Classification.RocAuc.

Regenerate (Debian's scikit-learn 1.2.1):
    /usr/bin/python3 tools/reference/metrics_roc.py
writes tests/Vae.Tests/Fixtures/metrics/roc_sklearn.json: per case the scores, labels (1 = anomaly),
roc_auc_score and roc_curve(..., drop_intermediate=False). scikit-learn 1.2 reports the first threshold as
max(score) + 1 (later versions use inf); the test compares thresholds from the second one on.
"""
import json
import os
import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score, roc_curve

rng = np.random.default_rng(20240607)
cases = []
for name, n0, n1, shift, decimals in [
    ("separated", 200, 150, 1.5, 6),
    ("overlapping_with_ties", 300, 100, 0.3, 1),
    ("heavy_ties", 50, 70, 0.0, 0),
    ("tiny", 1, 2, 0.5, 3),
    ("reversed", 80, 40, -1.0, 4),
]:
    s0 = np.round(rng.normal(0.0, 1.0, n0), decimals)
    s1 = np.round(rng.normal(shift, 1.0, n1), decimals)
    scores = np.concatenate([s0, s1])
    labels = np.concatenate([np.zeros(n0, int), np.ones(n1, int)])
    perm = rng.permutation(len(scores))
    scores, labels = scores[perm], labels[perm]
    fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=False)
    cases.append(dict(name=name, scores=scores.tolist(), labels=labels.tolist(),
                      auc=float(roc_auc_score(labels, scores)), fpr=fpr.tolist(), tpr=tpr.tolist(), thresholds=thr[1:].tolist()))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Vae.Tests", "Fixtures", "metrics", "roc_sklearn.json")
with open(out, "w") as f:
    json.dump({"generator": f"scikit-learn {sklearn.__version__} roc_auc_score / roc_curve", "cases": cases}, f)
print("wrote", out)
