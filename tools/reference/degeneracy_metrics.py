#!/usr/bin/python3
"""Peer fixture for the replica-degeneracy metrics of Vae.Core.Metrics.Similarity (linear CKA, normalised orthogonal
Procrustes, Hungarian matching of latent dimensions on |correlation|, raw per-dimension correlation, k-NN Jaccard
overlap) and for its internal linear-assignment solver.

Computed with NumPy/SciPy/scikit-learn, independently of the C# code paths where possible:
  * CKA from the n×n linear Gram matrices (Kornblith et al. 2019 reference code: gram_linear, center_gram, cka);
  * Procrustes with scipy.linalg.orthogonal_procrustes on the centred, unit-Frobenius-norm matrices (the narrower one
    zero-padded to the wider);
  * matching with scipy.optimize.linear_sum_assignment(|C|, maximize=True);
  * neighbours with sklearn.neighbors.NearestNeighbors(n_neighbors=k).fit(X).kneighbors() (the point itself excluded).
Conventions shared with the C# code: an exactly constant column is centred to 0 and its correlations are 0 (numpy's
corrcoef would give NaN); variances for active units use ddof = 1; a pair is active when either column's variance > ε.

Inputs are seeded random matrices and degenerate ones (signed permutation plus tiny noise, rotation + scale + shift,
duplicate and constant columns, VAE-like inactive units, unequal widths) and the error case n < k + 1.

Regenerate (Debian 12: apt-get install --no-install-recommends python3-scipy python3-sklearn; numpy 1.24,
SciPy 1.10, scikit-learn 1.2):
    /usr/bin/python3 tools/reference/degeneracy_metrics.py
writes tests/Vae.Tests/Fixtures/metrics/degeneracy.json (deterministic for these library versions).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.linalg import orthogonal_procrustes
from scipy.optimize import linear_sum_assignment
from sklearn.neighbors import NearestNeighbors

EPSILON = 0.01
rng = np.random.default_rng(20261125)


def centred(x):
    c = x - x.mean(axis=0)
    constant = np.all(x == x[0], axis=0)
    c[:, constant] = 0.0
    return c


def correlation_matrix(x, y):
    def unit(m):
        c = centred(m)
        norm = np.sqrt((c * c).sum(axis=0))
        norm[norm == 0] = 1.0
        return c / norm
    return np.clip(unit(x).T @ unit(y), -1.0, 1.0)


def gram_linear(x):
    return x @ x.T


def center_gram(gram):
    means = gram.mean(axis=0)
    means -= means.mean() / 2
    return gram - means[:, None] - means[None, :]


def cka(x, y):
    gx, gy = center_gram(gram_linear(centred(x))), center_gram(gram_linear(centred(y)))
    scaled_hsic = gx.ravel() @ gy.ravel()
    return float(scaled_hsic / (np.linalg.norm(gx) * np.linalg.norm(gy)))


def procrustes(x, y):
    k = max(x.shape[1], y.shape[1])
    def prep(m):
        c = centred(m)
        c = c / np.linalg.norm(c)
        return np.hstack([c, np.zeros((m.shape[0], k - m.shape[1]))])
    xt, yt = prep(x), prep(y)
    r, _ = orthogonal_procrustes(xt, yt)
    s = np.linalg.svd(xt.T @ yt, compute_uv=False)
    unique = bool(s.min() > 1e-8 * s.max())
    return float(np.linalg.norm(xt @ r - yt)), r, unique


def matching(x, y, eps):
    c = correlation_matrix(x, y)
    rows, cols = linear_sum_assignment(np.abs(c), maximize=True)
    kx = x.shape[1]
    perm, signs, corr, active = [-1] * kx, [0] * kx, [0.0] * kx, [False] * kx
    vx, vy = x.var(axis=0, ddof=1), y.var(axis=0, ddof=1)
    vx[np.all(x == x[0], axis=0)] = 0.0
    vy[np.all(y == y[0], axis=0)] = 0.0
    for i, j in zip(rows, cols):
        perm[i], corr[i] = int(j), float(c[i, j])
        signs[i] = -1 if c[i, j] < 0 else 1
        active[i] = bool(vx[i] > eps or vy[j] > eps)
    matched = [abs(corr[i]) for i in range(kx) if active[i]]
    return dict(permutation=perm, signs=signs, correlations=corr, active=active, active_pairs=len(matched),
                mean=float(np.mean(matched)) if matched else 0.0, total=float(np.abs(c)[rows, cols].sum()))


def knn_overlap(x, y, k):
    a = NearestNeighbors(n_neighbors=k).fit(x).kneighbors(return_distance=False)
    b = NearestNeighbors(n_neighbors=k).fit(y).kneighbors(return_distance=False)
    jac = [len(set(p) & set(q)) / len(set(p) | set(q)) for p, q in zip(a, b)]
    return float(np.mean(jac))


def random_orthogonal(k):
    q, r = np.linalg.qr(rng.normal(size=(k, k)))
    return q * np.sign(np.diag(r))


def latent(n, k, scales):
    return rng.normal(size=(n, k)) * np.asarray(scales)


cases = []


def add(name, x, y, unique_matching=True):
    r, rotation, rotation_unique = procrustes(x, y)
    c = correlation_matrix(x, y)
    d = min(x.shape[1], y.shape[1])
    raw = [float(c[j, j]) for j in range(d)]
    case = dict(name=name, x=x.tolist(), y=y.tolist(), cka=cka(x, y),
                procrustes=dict(residual=r, rotation=rotation.tolist(), rotation_unique=rotation_unique),
                correlation=c.tolist(), matching=matching(x, y, EPSILON), unique_matching=unique_matching,
                raw=dict(correlations=raw, mean=float(np.mean(np.abs(raw)))),
                knn={str(k): knn_overlap(x, y, k) for k in (10, 3)})
    cases.append(case)


n = 80
# 1. independent random latent spaces, some inactive units
add("random", latent(n, 6, [1, 0.5, 2, 0.05, 0.08, 1.5]), latent(n, 6, [0.7, 1, 0.05, 1.2, 0.3, 0.06]))
# 2. correlated, unequal widths (y wider): y = x W + noise
x = latent(n, 5, [1, 1, 0.5, 2, 0.3])
add("correlated_wider_y", x, x @ rng.normal(size=(5, 8)) + 0.3 * rng.normal(size=(n, 8)))
# 3. the same with x wider than y (unmatched columns of x)
x = latent(n, 8, [1, 0.4, 1, 2, 0.3, 0.9, 0.02, 1])
add("correlated_wider_x", x, x[:, :5] @ random_orthogonal(5) + 0.2 * rng.normal(size=(n, 5)))
# 4. signed permutation plus tiny noise
x = latent(n, 7, [1, 2, 0.5, 1.5, 0.8, 1.1, 0.6])
perm = rng.permutation(7)
signs = rng.choice([-1.0, 1.0], 7)
add("signed_permutation", x, x[:, perm] * signs + 1e-6 * rng.normal(size=(n, 7)))
# 5. rotation, isotropic scale and shift
x = latent(n, 6, [1, 2, 0.5, 1.5, 0.8, 1.1])
add("rotation_scale_shift", x, 3.0 * x @ random_orthogonal(6) + rng.normal(size=6))
# 6. duplicate and constant columns (ties in the matching: the permutation is not unique)
x = latent(n, 5, [1, 1, 0.5, 2, 0.3])
x[:, 2] = x[:, 1]
x[:, 4] = 0.3
y = latent(n, 5, [1, 0.7, 1, 0.2, 1])
y[:, 3] = y[:, 0]
y[:, 1] = -1.25
add("duplicate_and_constant_columns", x, y, unique_matching=False)
# 7. VAE-like: 4 active units in 10, the rest near-collapsed (variance 1e-4); replica = signed permutation of the
#    active block, fresh collapsed units
x = np.hstack([latent(n, 4, [1, 0.8, 1.2, 0.6]), latent(n, 6, [0.01] * 6)])
p = rng.permutation(10)
active = x[:, :4] * np.array([1, -1, -1, 1]) + 0.05 * rng.normal(size=(n, 4))
y = np.hstack([active, latent(n, 6, [0.01] * 6)])[:, p]
add("vae_like_collapsed_units", x, y)

# linear assignment alone (minimisation), square and rectangular
assignment = []
for shape in [(5, 5), (4, 7), (7, 4), (12, 12), (30, 30)]:
    cost = rng.normal(size=shape)
    rows, cols = linear_sum_assignment(cost)
    perm = [-1] * shape[0]
    for i, j in zip(rows, cols):
        perm[i] = int(j)
    assignment.append(dict(cost=cost.tolist(), assignment=perm, total=float(cost[rows, cols].sum())))

# n < k + 1: scikit-learn refuses too
small = latent(8, 3, [1, 1, 1])
try:
    NearestNeighbors(n_neighbors=10).fit(small).kneighbors()
    error = None
except ValueError as e:
    error = str(e)
assert error is not None

out = dict(generator=f"tools/reference/degeneracy_metrics.py: numpy {np.__version__}, scipy {scipy.__version__}, "
                     f"scikit-learn {sklearn.__version__}",
           epsilon=EPSILON, cases=cases, assignment=assignment,
           knn_error=dict(x=small.tolist(), k=10, sklearn_error=error))
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "Vae.Tests", "Fixtures", "metrics",
                    "degeneracy.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
for c in cases:
    print(f"{c['name']:32s} cka={c['cka']:.6f} procrustes={c['procrustes']['residual']:.3e} "
          f"matched={c['matching']['mean']:.6f} ({c['matching']['active_pairs']} active) raw={c['raw']['mean']:.4f} "
          f"knn10={c['knn']['10']:.4f} rotation_unique={c['procrustes']['rotation_unique']}")
