#!/usr/bin/python3
"""Distribution statistics of scikit-learn's make_classification, the reference for Vae.Core's MakeClassification.

Regenerate the fixture (Debian's python3-sklearn 1.2.1, numpy 1.24) from the repository root with:

    /usr/bin/python3 tools/reference/sklearn_make_classification.py \
        > tests/Vae.Tests/Fixtures/data/make_classification_stats.json

Our generator uses a different random stream (MathNet's MT19937 samplers), so single data sets differ; what must
agree is the distribution. For each configuration we draw SEEDS data sets (random_state = 0 .. SEEDS-1, shuffle=False
so that clusters are contiguous blocks), compute the statistics below on each, and store their mean over seeds and
the standard error of that mean. The C# test (tests/Vae.Tests/Data/MakeClassificationStatisticsTests.cs) computes
the same statistics on its own SEEDS data sets and requires |mean_ours - mean_sklearn| <= 4.5 * sqrt(sem_ours^2 +
sem_sklearn^2) for every statistic (a two-sample z-test at 4.5 sigma).

Statistics (inf = the informative columns X[:, :n_informative]; clusters from sklearn's size formula):
  cluster_mean_abs      mean over clusters k, informative j of |mean(inf[k, j])|        (centroid magnitude)
  within_cluster_var    mean over k, j of var(inf[k, j])                               (d/3 for A ~ U[-1,1])
  within_cluster_cov    mean over k, pairs j<l of cov(inf[k, j], inf[k, l])            (0 for A ~ U[-1,1])
  class_mean_abs        mean over classes c, j of |mean(inf[y == c, j])|
  class_var             mean over c, j of var(inf[y == c, j])
  redundant_var         mean variance of the redundant columns
  repeated_var          mean variance of the repeated columns
  useless_mean          mean of the useless (noise) columns
  useless_var           mean variance of the useless columns
  label_changed         fraction of samples with y != cluster % n_classes
  class_fraction_c      fraction of samples with y == c
  feature_mean          mean over all columns of the column mean                       (shift)
  feature_var           mean over all columns of the column variance                   (scale)
Variances and covariances are population ones (ddof = 0).
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_classification

SEEDS = 400

CONFIGS = [
    dict(name="hypercube", n_samples=1000, n_features=10, n_informative=3, n_redundant=2, n_repeated=1,
         n_classes=3, n_clusters_per_class=2, weights=None, flip_y=0.0, class_sep=1.0, hypercube=True,
         shift=0.0, scale=1.0),
    dict(name="polytope", n_samples=1000, n_features=8, n_informative=4, n_redundant=2, n_repeated=0,
         n_classes=4, n_clusters_per_class=1, weights=None, flip_y=0.0, class_sep=2.0, hypercube=False,
         shift=0.0, scale=1.0),
    dict(name="flip_shift_scale", n_samples=1000, n_features=6, n_informative=2, n_redundant=1, n_repeated=1,
         n_classes=2, n_clusters_per_class=2, weights=None, flip_y=0.3, class_sep=1.5, hypercube=True,
         shift=None, scale=None),
    dict(name="weighted", n_samples=999, n_features=5, n_informative=2, n_redundant=0, n_repeated=0,
         n_classes=3, n_clusters_per_class=1, weights=[0.6, 0.3], flip_y=0.05, class_sep=0.5, hypercube=True,
         shift=2.0, scale=3.0),
]


def cluster_sizes(n_samples, weights, n_classes, n_clusters_per_class):
    """sklearn's allocation of samples to clusters (the same lines as make_classification)."""
    if weights is None:
        weights = [1.0 / n_classes] * n_classes
    elif len(weights) == n_classes - 1:
        weights = list(weights) + [1.0 - sum(weights)]
    n_clusters = n_classes * n_clusters_per_class
    sizes = [int(n_samples * weights[k % n_classes] / n_clusters_per_class) for k in range(n_clusters)]
    for i in range(n_samples - sum(sizes)):
        sizes[i % n_clusters] += 1
    return sizes


def statistics(X, y, c):
    d, r, q = c["n_informative"], c["n_redundant"], c["n_repeated"]
    n_classes = c["n_classes"]
    sizes = cluster_sizes(c["n_samples"], c["weights"], n_classes, c["n_clusters_per_class"])
    cluster = np.repeat(np.arange(len(sizes)), sizes)
    inf = X[:, :d]
    s = {}
    blocks = [inf[cluster == k] for k in range(len(sizes))]
    s["cluster_mean_abs"] = np.mean([np.abs(b.mean(axis=0)).mean() for b in blocks])
    s["within_cluster_var"] = np.mean([b.var(axis=0).mean() for b in blocks])
    if d >= 2:
        iu = np.triu_indices(d, 1)
        s["within_cluster_cov"] = np.mean([np.cov(b, rowvar=False, ddof=0)[iu].mean() for b in blocks])
    classes = [inf[y == k] for k in range(n_classes)]
    s["class_mean_abs"] = np.mean([np.abs(b.mean(axis=0)).mean() for b in classes])
    s["class_var"] = np.mean([b.var(axis=0).mean() for b in classes])
    if r > 0:
        s["redundant_var"] = X[:, d:d + r].var(axis=0).mean()
    if q > 0:
        s["repeated_var"] = X[:, d + r:d + r + q].var(axis=0).mean()
    useless = X[:, d + r + q:]
    if useless.shape[1] > 0:
        s["useless_mean"] = useless.mean()
        s["useless_var"] = useless.var(axis=0).mean()
    s["label_changed"] = np.mean(y != cluster % n_classes)
    for k in range(n_classes):
        s[f"class_fraction_{k}"] = np.mean(y == k)
    s["feature_mean"] = X.mean(axis=0).mean()
    s["feature_var"] = X.var(axis=0).mean()
    return s


def main():
    out = {
        "generator": f"scikit-learn {sklearn.__version__} make_classification, numpy {np.__version__}",
        "regenerate": "/usr/bin/python3 tools/reference/sklearn_make_classification.py > tests/Vae.Tests/Fixtures/data/make_classification_stats.json",
        "seeds": SEEDS,
        "configs": [],
    }
    for c in CONFIGS:
        params = {k: v for k, v in c.items() if k != "name"}
        per_seed = []
        for seed in range(SEEDS):
            X, y = make_classification(**params, shuffle=False, random_state=seed)
            per_seed.append(statistics(X, y, c))
        stats = {}
        for key in per_seed[0]:
            values = np.array([p[key] for p in per_seed], dtype=float)
            stats[key] = {"mean": float(values.mean()), "sem": float(values.std(ddof=1) / np.sqrt(SEEDS))}
        out["configs"].append({"name": c["name"], "params": params, "stats": stats})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
