#!/usr/bin/python3
"""NumPy reference for Vae.Quantum.Schrodinger: the Schrodinger (quantum clustering) potential of Horn & Gottlieb
(PRL 88, 018702), its gradient, and the gradient-descent assignment.

The potential is written from its definition, not from the C# closed form:
    psi(z)  = sum_i exp(-|z - z_i|^2 / 2 s^2)
    lap(z)  = sum_i (|z - z_i|^2 / s^4 - d / s^2) g_i                      (Laplacian of psi)
    V(z)    = E + (s^2 / 2) lap / psi,   E = d / 2                          (so V >= 0)
    grad V  = (s^2 / 2) (grad lap * psi - lap * grad psi) / psi^2           (quotient rule)
with grad psi = -sum_i g_i (z - z_i) / s^2 and grad lap = sum_i g_i (z - z_i) [2 / s^4 - (|z - z_i|^2 / s^4 - d / s^2) / s^2].

Kernels with a covariance of their own (SchrodingerPotential.Create(points, sigma, covariances)), from the definition:
    phi_i   = exp(-m_i / 2),  m_i = (z - z_i)^T C_i^-1 (z - z_i),  a_i = s^d / sqrt(det C_i),  psi = sum_i a_i phi_i
    L(z)    = sum_i a_i (1/2) div(C_i grad phi_i) = sum_i a_i (m_i - d) phi_i / 2
    V(z)    = d / 2 + L / psi,  grad V = (grad L * psi - L * grad psi) / psi^2                       (quotient rule)
and the kernel rules of KernelCovariances: Abramson's widths lambda_i = (f(z_i)/g)^(-1/2) with the fixed-width pilot f = psi
at s, g its geometric mean (the fixture also gives V, grad V and psi of the kernels (s lambda_i)^2 I); local shapes S_i = shrunk covariance of z_i and its K nearest neighbours, det S_i = 1.

Regenerate (Debian's python3-numpy 1.24):
    /usr/bin/python3 tools/reference/schrodinger_clustering.py > tests/Vae.Tests/Fixtures/quantum/schrodinger_potential.json
    /usr/bin/python3 tools/reference/schrodinger_clustering.py --kernels > tests/Vae.Tests/Fixtures/quantum/schrodinger_kernels.json
The functions `potential` and `descend` are also the peer of the speed comparison (tools/bench/quantum.sh).
"""
import json
import sys

import numpy as np


def potential(points, sigma, z):
    """V, grad V and psi at the rows of z (shape [m, d]); points [n, d]. Dense, from the definition."""
    d = points.shape[1]
    diff = z[:, None, :] - points[None, :, :]                 # [m, n, d]
    sq = (diff ** 2).sum(axis=2)                               # [m, n]
    g = np.exp(-sq / (2 * sigma ** 2))
    psi = g.sum(axis=1)
    lap_terms = sq / sigma ** 4 - d / sigma ** 2
    lap = (g * lap_terms).sum(axis=1)
    grad_psi = -(g[:, :, None] * diff).sum(axis=1) / sigma ** 2
    grad_lap = (g[:, :, None] * diff * (2 / sigma ** 4 - lap_terms / sigma ** 2)[:, :, None]).sum(axis=1)
    v = d / 2 + sigma ** 2 / 2 * lap / psi
    grad_v = sigma ** 2 / 2 * (grad_lap * psi[:, None] - lap[:, None] * grad_psi) / psi[:, None] ** 2
    return v, grad_v, psi


def potential_stable(points, sigma, z):
    """V and grad V from the weighted form, weights shifted by the nearest point (no underflow); dense over points."""
    diff = z[:, None, :] - points[None, :, :]
    sq = (diff ** 2).sum(axis=2)
    g = np.exp(-(sq - sq.min(axis=1, keepdims=True)) / (2 * sigma ** 2))
    w = g / g.sum(axis=1, keepdims=True)
    s = (w * sq).sum(axis=1)
    m = (w[:, :, None] * diff).sum(axis=1)
    sdv = ((w * sq)[:, :, None] * diff).sum(axis=1)
    v = s / (2 * sigma ** 2)
    grad = m / sigma ** 2 - (sdv - s[:, None] * m) / (2 * sigma ** 4)
    return v, grad


def descend(points, sigma, max_iterations=2000, tolerance=1e-3, chunk=256):
    """The same Armijo-backtracked descent as QuantumClustering.Fit (eta <= sigma^2, steps <= sigma/2), vectorised over
    all active points (NumPy peer)."""
    y = points.copy()
    n = len(y)
    eta = np.full(n, sigma ** 2)
    active = np.ones(n, dtype=bool)

    def evaluate(rows):
        vs, gs = [], []
        for start in range(0, len(rows), chunk):
            v, g = potential_stable(points, sigma, rows[start:start + chunk])
            vs.append(v)
            gs.append(g)
        return np.concatenate(vs), np.concatenate(gs)

    value, grad = evaluate(y)
    for _ in range(max_iterations):
        norm2 = (grad ** 2).sum(axis=1)
        active &= sigma * np.sqrt(norm2) >= tolerance
        idx = np.nonzero(active)[0]
        if len(idx) == 0:
            break
        pending = idx
        while len(pending):
            gnorm = np.sqrt(norm2[pending])
            eta[pending] = np.where(eta[pending] * gnorm > 0.5 * sigma, 0.5 * sigma / gnorm, eta[pending])
            trial = y[pending] - eta[pending, None] * grad[pending]
            tv, tg = evaluate(trial)
            ok = tv <= value[pending] - 1e-4 * eta[pending] * norm2[pending]
            acc = pending[ok]
            y[acc], grad[acc], value[acc] = trial[ok], tg[ok], tv[ok]
            eta[acc] = np.minimum(2 * eta[acc], sigma ** 2)
            rej = pending[~ok]
            eta[rej] *= 0.5
            stuck = eta[rej] < 1e-12 * sigma ** 2
            active[rej[stuck]] = False
            pending = rej[~stuck]
    return y


def merge(ends, sigma, radius=0.5):
    centres, sizes, labels = [], [], []
    for e in ends:
        if centres:
            dist = [np.sum((e - c) ** 2) for c in centres]
            b = int(np.argmin(dist))
            if dist[b] <= (radius * sigma) ** 2:
                sizes[b] += 1
                centres[b] += (e - centres[b]) / sizes[b]
                labels.append(b)
                continue
        centres.append(e.copy())
        sizes.append(1)
        labels.append(len(centres) - 1)
    return np.array(labels), np.array(centres)


def potential_kernels(points, sigma, covariances, z):
    """V, grad V and psi at the rows of z for kernels with covariances [n, d, d]; dense, from the definition."""
    d = points.shape[1]
    precisions = np.linalg.inv(covariances)                                   # [n, d, d]
    a = sigma ** d / np.sqrt(np.linalg.det(covariances))                      # [n]
    diff = z[:, None, :] - points[None, :, :]                                 # [m, n, d]
    u = np.einsum("nij,mnj->mni", precisions, diff)                           # C_i^-1 (z - z_i)
    m = (diff * u).sum(axis=2)                                                # [m, n]
    phi = a[None, :] * np.exp(-m / 2)
    psi = phi.sum(axis=1)
    lap = (phi * (m - d) / 2).sum(axis=1)
    grad_psi = -(phi[:, :, None] * u).sum(axis=1)
    grad_lap = (phi[:, :, None] * u * (1 - (m - d) / 2)[:, :, None]).sum(axis=1)
    v = d / 2 + lap / psi
    grad_v = (grad_lap * psi[:, None] - lap[:, None] * grad_psi) / psi[:, None] ** 2
    return v, grad_v, psi


def abramson(points, sigma):
    sq = ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    f = np.exp(-sq / (2 * sigma ** 2)).sum(axis=1)
    return np.exp(-0.5 * (np.log(f) - np.log(f).mean()))


def local_shapes(points, neighbours, shrinkage=0.1):
    n, d = points.shape
    sq = ((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)
    shapes = []
    for i in range(n):
        others = np.delete(sq[i], i)
        radius = np.sort(others)[neighbours - 1]
        members = points[sq[i] <= radius]                                    # the point itself and its K nearest (ties kept)
        c = np.cov(members.T, bias=True).reshape(d, d)
        c = c + shrinkage * np.trace(c) / d * np.eye(d)
        shapes.append(c / np.linalg.det(c) ** (1 / d))
    return np.array(shapes)


def kernels_main():
    rng = np.random.default_rng(20261126)
    cases = []
    for d, n, sigma in [(1, 30, 0.4), (2, 50, 0.5), (3, 60, 0.8)]:
        centres = rng.normal(scale=2.0, size=(3, d))
        points = centres[rng.integers(0, 3, n)] + rng.normal(scale=0.5, size=(n, d)) * rng.uniform(0.3, 1.5, size=(1, d))
        factors = rng.normal(size=(n, d, d))
        covariances = sigma ** 2 * (np.einsum("nij,nkj->nik", factors, factors) / d + 0.2 * np.eye(d))
        queries = np.concatenate([points[:5] + rng.normal(scale=0.1, size=(5, d)), rng.normal(scale=1.5, size=(5, d))])
        v, grad, psi = potential_kernels(points, sigma, covariances, queries)
        neighbours = 7
        widths = abramson(points, sigma)
        # Abramson's kernels (s lambda_i)^2 I: multiples of the identity, which the C# sums take without the d x d product.
        v_a, grad_a, psi_a = potential_kernels(points, sigma, (sigma * widths)[:, None, None] ** 2 * np.eye(d), queries)
        cases.append({"dimension": d, "sigma": sigma, "points": points.tolist(), "covariances": covariances.tolist(),
                      "queries": queries.tolist(), "value": v.tolist(), "gradient": grad.tolist(), "psi": psi.tolist(),
                      "abramson": widths.tolist(), "neighbours": neighbours,
                      "local_shapes": local_shapes(points, neighbours).tolist(),
                      "abramson_value": v_a.tolist(), "abramson_gradient": grad_a.tolist(), "abramson_psi": psi_a.tolist()})
    json.dump({"numpy": np.__version__, "cases": cases}, sys.stdout)


def main():
    if "--kernels" in sys.argv[1:]:
        kernels_main()
        return
    rng = np.random.default_rng(20261125)
    cases = []
    for d, n, sigma in [(1, 40, 0.3), (2, 60, 0.5), (3, 80, 0.7), (2, 200, 0.15)]:
        centres = rng.normal(scale=2.0, size=(3, d))
        points = centres[rng.integers(0, 3, n)] + rng.normal(scale=0.4, size=(n, d))
        queries = np.concatenate([points[:5] + rng.normal(scale=0.1, size=(5, d)), rng.normal(scale=1.5, size=(5, d))])
        v, grad, psi = potential(points, sigma, queries)
        v2, grad2 = potential_stable(points, sigma, queries)
        assert np.allclose(v, v2, rtol=1e-10, atol=1e-12) and np.allclose(grad, grad2, rtol=1e-9, atol=1e-10)
        case = {"dimension": d, "sigma": sigma, "points": points.tolist(), "queries": queries.tolist(),
                "value": v.tolist(), "gradient": grad.tolist(), "psi": psi.tolist()}
        if d == 2 and n == 60:
            labels, found = merge(descend(points, sigma, tolerance=1e-7), sigma)
            case["labels"] = labels.tolist()
            case["centres"] = found.tolist()
        cases.append(case)
    json.dump({"numpy": np.__version__, "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
