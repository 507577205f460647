#!/usr/bin/python3
"""Fixture for Vae.Core.Metrics.KMeans and GaussianMixture: scikit-learn's KMeans (lloyd, n_init=10) and
GaussianMixture (full covariances, k-means initialisation) on small synthetic data sets.
KMeans runs with tol = 0 (until the labels stop changing) and 100 restarts, GaussianMixture with 20 restarts, so that
both sides report the best optimum (with sklearn's default 10 k-means restarts one case stops at a worse local optimum
than ours). Each data set is checked to have one GMM optimum (ten single-start fits agree), so the comparison
tests the EM arithmetic, not the luck of the initialisation.

Regenerate (Debian's python3-sklearn 1.2.1, numpy 1.24):
    /usr/bin/python3 tools/reference/clustering_sklearn.py > tests/Vae.Tests/Fixtures/metrics/clustering.json
The GMM runs with tol = 1e-10 and max_iter = 1000, so both implementations stop at the same fixed point of EM.
"""
import json

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture

rng = np.random.default_rng(7)
cases = []
for name, d, k, n, spread in [("blobs2d", 2, 3, 150, 0.5), ("anisotropic2d", 2, 4, 200, 0.4), ("blobs3d", 3, 5, 250, 0.6)]:
    while True:  # centres at least 8 spreads apart, so that each mixture has a single optimum (checked below)
        centres = rng.normal(scale=6.0, size=(k, d))
        if min(np.linalg.norm(a - b) for i, a in enumerate(centres) for b in centres[i + 1:]) > 8 * spread:
            break
    labels = rng.integers(0, k, n)
    x = centres[labels] + rng.normal(scale=spread, size=(n, d))
    if name == "anisotropic2d":
        x = x @ np.array([[1.0, 0.6], [-0.3, 0.5]])
    km = KMeans(n_clusters=k, n_init=100, tol=0.0, random_state=0).fit(x)
    gm = GaussianMixture(n_components=k, covariance_type="full", tol=1e-10, max_iter=1000, n_init=20, random_state=0).fit(x)
    # the optimum must be unique: every single-start run reaches the same score
    singles = [GaussianMixture(n_components=k, covariance_type="full", tol=1e-10, max_iter=1000, random_state=s).fit(x).score(x) for s in range(10)]
    assert max(singles) - min(singles) < 1e-8 and abs(max(singles) - gm.score(x)) < 1e-8, (name, singles, gm.score(x))
    cases.append({
        "name": name, "clusters": k, "x": x.tolist(), "true_labels": labels.tolist(),
        "kmeans_labels": km.labels_.tolist(), "kmeans_inertia": float(km.inertia_), "kmeans_centres": km.cluster_centers_.tolist(),
        "gmm_labels": gm.predict(x).tolist(), "gmm_score": float(gm.score(x)), "gmm_means": gm.means_.tolist(),
        "gmm_weights": gm.weights_.tolist(), "gmm_covariances": gm.covariances_.tolist(),
    })
print(json.dumps({"sklearn": sklearn.__version__, "cases": cases}))
