#!/usr/bin/python3
"""scikit-learn reference fixtures for Vae.InfoGeometry's PCA, active units and linear probe.

Regenerate (Debian's python3: scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 tools/reference/infogeometry_sklearn.py --out tests/Vae.Tests/Fixtures/infogeometry

Writes
  pca.json       sklearn.decomposition.PCA(svd_solver="full") on a [400, 12] matrix shaped like VAE posterior means
                 (a few high-variance directions, some collapsed ones, mixed by a random rotation), plus the
                 active-unit counts at eps = 0.01 (PCA eigenvalues and per-dimension sample variances, ddof = 1).
  logistic.json  sklearn.linear_model.LogisticRegression(multi_class="multinomial", solver="lbfgs", C=...) on
                 make_classification data, and the regularised objective at sklearn's optimum,
                 C * sum_i log-loss_i + 1/2 ||W||_F^2 (intercept not penalised), evaluated here in float64.
"""
import argparse
import json
import os

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.datasets import make_classification
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression


def pca_fixture(rng):
    n, k = 400, 12
    scales = np.array([3.0, 2.0, 1.5, 1.0, 0.6, 0.35, 0.2, 0.12, 0.08, 0.05, 0.02, 0.005])
    latent = rng.normal(size=(n, k)) * scales
    # Rotate the first 10 coordinates (mixing two low-variance ones into the others, so the per-dimension count
    # exceeds the PCA count) and keep the last two collapsed dimensions axis-aligned, as in a trained VAE.
    rotation = np.eye(k)
    rotation[:10, :10] = np.linalg.qr(rng.normal(size=(10, 10)))[0]
    x = latent @ rotation.T + rng.normal(size=k)
    pca = PCA(svd_solver="full").fit(x)
    eps = 0.01
    return {
        "x": x.tolist(),
        "mean": pca.mean_.tolist(),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "singular_values": pca.singular_values_.tolist(),
        "components": pca.components_.tolist(),
        "transform_first_rows": pca.transform(x[:5]).tolist(),
        "epsilon": eps,
        "active_units_pca": int(np.sum(pca.explained_variance_ > eps)),
        "dimension_variances": np.var(x, axis=0, ddof=1).tolist(),
        "active_units_variance": int(np.sum(np.var(x, axis=0, ddof=1) > eps)),
    }


def objective(model, x, y, c):
    z = x @ model.coef_.T + model.intercept_
    log_loss = logsumexp(z, axis=1) - z[np.arange(len(y)), y]
    return float(c * log_loss.sum() + 0.5 * np.sum(model.coef_ ** 2))


def gradient_norm(model, x, y, c):
    """Max-abs gradient of the objective at sklearn's solution: how far from the optimum the fixture is."""
    z = x @ model.coef_.T + model.intercept_
    p = np.exp(z - logsumexp(z, axis=1, keepdims=True))
    p[np.arange(len(y)), y] -= 1
    return float(max(np.abs(c * p.T @ x + model.coef_).max(), np.abs(c * p.sum(axis=0)).max()))


def refined_objective(model, x, y, c):
    """The same objective minimised further by scipy L-BFGS-B (gtol 1e-10) from sklearn's solution: the true minimum."""
    from scipy.optimize import minimize
    k, d = model.coef_.shape
    onehot = np.eye(k)[y]

    def f(theta):
        w, b = theta[:k * d].reshape(k, d), theta[k * d:]
        z = x @ w.T + b
        lse = logsumexp(z, axis=1, keepdims=True)
        g = np.exp(z - lse) - onehot
        value = c * float((lse[:, 0] - z[np.arange(len(y)), y]).sum()) + 0.5 * float(np.sum(w * w))
        return value, np.concatenate([(c * g.T @ x + w).ravel(), c * g.sum(axis=0)])

    theta0 = np.concatenate([model.coef_.ravel(), model.intercept_])
    res = minimize(f, theta0, jac=True, method="L-BFGS-B", options={"gtol": 1e-10, "ftol": 1e-16, "maxiter": 100000})
    return float(res.fun)


def logistic_case(seed, n, d, classes, c):
    x, y = make_classification(n_samples=n, n_features=d, n_informative=min(d - 1, 5), n_redundant=1, n_classes=classes,
                               n_clusters_per_class=1, class_sep=1.0, random_state=seed)
    model = LogisticRegression(C=c, solver="lbfgs", multi_class="multinomial", tol=1e-12, max_iter=100000).fit(x, y)
    return {
        "c": c, "x": x.tolist(), "y": y.tolist(),
        "coef": model.coef_.tolist(), "intercept": model.intercept_.tolist(),
        "objective": objective(model, x, y, c),
        "gradient_max_abs": gradient_norm(model, x, y, c),
        "refined_objective": refined_objective(model, x, y, c),
        "train_accuracy": float(model.score(x, y)),
        "iterations": int(model.n_iter_[0]),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True, help="fixture directory")
    a = p.parse_args()
    rng = np.random.default_rng(7)
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "source": "tools/reference/infogeometry_sklearn.py"}
    with open(os.path.join(a.out, "pca.json"), "w") as f:
        json.dump({**meta, **pca_fixture(rng)}, f)
    cases = [logistic_case(0, 600, 8, 4, 0.5), logistic_case(1, 400, 5, 3, 20.0), logistic_case(2, 500, 6, 5, 1.0)]
    with open(os.path.join(a.out, "logistic.json"), "w") as f:
        json.dump({**meta, "cases": cases}, f)


if __name__ == "__main__":
    main()
