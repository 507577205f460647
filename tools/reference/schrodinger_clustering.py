#!/usr/bin/python3
"""NumPy reference for Vae.Quantum.Schrodinger: the Schrodinger (quantum clustering) potential of Horn & Gottlieb
(PRL 88, 018702), its gradient, and the gradient-descent assignment.

The potential is written from its definition, not from the C# closed form:
    psi(z)  = sum_i exp(-|z - z_i|^2 / 2 s^2)
    lap(z)  = sum_i (|z - z_i|^2 / s^4 - d / s^2) g_i                      (Laplacian of psi)
    V(z)    = E + (s^2 / 2) lap / psi,   E = d / 2                          (so V >= 0)
    grad V  = (s^2 / 2) (grad lap * psi - lap * grad psi) / psi^2           (quotient rule)
with grad psi = -sum_i g_i (z - z_i) / s^2 and grad lap = sum_i g_i (z - z_i) [2 / s^4 - (|z - z_i|^2 / s^4 - d / s^2) / s^2].

Regenerate (Debian's python3-numpy 1.24):
    /usr/bin/python3 tools/reference/schrodinger_clustering.py > tests/Vae.Tests/Fixtures/quantum/schrodinger_potential.json
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


def main():
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
