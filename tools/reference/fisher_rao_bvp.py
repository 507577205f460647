#!/usr/bin/python3
"""Reference Fisher-Rao distances between multivariate normals by solving the geodesic boundary-value problem.

Independent of Vae's geodesic shooting: it integrates the geodesic equations of the Fisher metric
ds^2 = dmu^T Sigma^-1 dmu + 1/2 tr((Sigma^-1 dSigma)^2) (Skovgaard 1981)

    mu''    = Sigma' Sigma^-1 mu'
    Sigma'' = Sigma' Sigma^-1 Sigma' - mu' mu'^T

with scipy.integrate.solve_bvp (collocation) between (mu1, Sigma1) at t = 0 and (mu2, Sigma2) at t = 1, and reports
the length of the solution curve (adaptive quadrature of the speed along the collocation polynomial).

* Initial guess: mu linear in t and Sigma on the SPD geodesic (exact when mu1 = mu2); when the collocation fails
  from there, a continuation in the mean difference, all within SciPy.
* Tolerance 1e-8, falling back to 1e-7 if the mesh outgrows 10 000 nodes (recorded per case as bvp_tolerance). The
  length is stationary at a geodesic, so it is accurate far beyond the tolerance (1e-7 and 1e-8 agree to ~1e-10).
* Pairs drawn until 15 per dimension (8 in dimension 5, where each solve takes minutes) are solved; a pair solve_bvp cannot solve either way is listed under
  "unsolved_by_solve_bvp" (not dropped silently; the C# tests still check them against the Calvo-Oller bound).
  Progress is cached in OUT.partial.jsonl so an interrupted run resumes.

Regenerate the committed fixture (Debian's python3: scipy 1.10, numpy 1.24):

    /usr/bin/python3 tools/reference/fisher_rao_bvp.py \
        --out tests/Vae.Tests/Fixtures/infogeometry/fisher_rao_bvp.json

The speed comparison (tools/bench/infogeometry.sh) imports fisher_rao_bvp() from here through
tools/reference/infogeometry_bench_peer.py.
"""
import argparse
import json
import os

# One BLAS thread: the machine is shared and the small batched solves gain nothing from threads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
from scipy.integrate import quad, solve_bvp


def _unpack(y, n):
    """State [mu (n), Sigma (n*n), mu' (n), Sigma' (n*n)] per column -> arrays with the mesh index first."""
    m = y.shape[1]
    mu = y[:n].T
    s = y[n:n + n * n].T.reshape(m, n, n)
    dmu = y[n + n * n:2 * n + n * n].T
    ds = y[2 * n + n * n:].T.reshape(m, n, n)
    return mu, s, dmu, ds


def geodesic_rhs(n):
    def f(_t, y):
        _, s, dmu, ds = _unpack(y, n)
        s_inv_dmu = np.linalg.solve(s, dmu[..., None])[..., 0]          # Sigma^-1 mu'
        s_inv_ds = np.linalg.solve(s, ds)                               # Sigma^-1 Sigma'
        ddmu = np.einsum("mij,mj->mi", ds, s_inv_dmu)
        dds = ds @ s_inv_ds - dmu[:, :, None] * dmu[:, None, :]
        m = y.shape[1]
        return np.concatenate([dmu.T, ds.reshape(m, n * n).T, ddmu.T, dds.reshape(m, n * n).T])
    return f


def speed(n, y):
    _, s, dmu, ds = _unpack(y[:, None], n)
    a = np.linalg.solve(s[0], ds[0])
    return np.sqrt(dmu[0] @ np.linalg.solve(s[0], dmu[0]) + 0.5 * np.trace(a @ a))


def _spd_power(s1, s2, t):
    """Sigma1^1/2 (Sigma1^-1/2 Sigma2 Sigma1^-1/2)^t Sigma1^1/2 and its t-derivative, for each t (the SPD geodesic)."""
    w, v = np.linalg.eigh(s1)
    half = v @ np.diag(np.sqrt(w)) @ v.T
    inv_half = v @ np.diag(1 / np.sqrt(w)) @ v.T
    lam, u = np.linalg.eigh(inv_half @ s2 @ inv_half)
    log = np.log(lam)
    p = np.einsum("ij,tj,kj->tik", u, np.exp(t[:, None] * log[None, :]), u)
    dp = np.einsum("ij,tj,kj->tik", u, log[None, :] * np.exp(t[:, None] * log[None, :]), u)
    return half @ p @ half, half @ dp @ half


def _solve(n, mu1, s1, mu2, s2, t, y0, tol):
    def bc(ya, yb):
        return np.concatenate([ya[:n] - mu1, ya[n:n + n * n] - s1.ravel(), yb[:n] - mu2, yb[n:n + n * n] - s2.ravel()])

    try:
        sol = solve_bvp(geodesic_rhs(n), bc, t, y0, tol=tol, max_nodes=10000)
    except MemoryError as e:  # SuperLU fill-in on a very fine mesh
        raise RuntimeError("solve_bvp ran out of memory") from e
    if sol.status != 0:
        raise RuntimeError(f"solve_bvp failed: {sol.message}")
    return sol


def fisher_rao_bvp(mu1, s1, mu2, s2, tol=1e-7, nodes=101, steps=(0.25, 0.5, 0.75, 1.0)):
    """Length of the solve_bvp geodesic. Initial guess: mu linear in t, Sigma along the SPD geodesic (the exact
    Fisher-Rao geodesic when mu1 = mu2), which is independent of Vae's shooting. When the collocation fails from
    there, a continuation in the mean difference (end mean mu1 + tau (mu2 - mu1), tau = 0.25, 0.5, 0.75, 1), each
    stage started from the previous solution, all within SciPy."""
    n = len(mu1)
    t = np.linspace(0.0, 1.0, nodes)
    s, ds = _spd_power(s1, s2, t)

    def guess(tau):
        mu = mu1[None, :] + tau * t[:, None] * (mu2 - mu1)[None, :]
        dmu = np.repeat(tau * (mu2 - mu1)[None, :], nodes, 0)
        return np.concatenate([mu.T, s.reshape(nodes, -1).T, dmu.T, ds.reshape(nodes, -1).T])

    try:
        sol = _solve(n, mu1, s1, mu2, s2, t, guess(1.0), tol)
    except RuntimeError:
        sol, previous = None, 0.0
        for tau in steps:
            if sol is None:
                y0 = guess(tau)
                mesh = t
            else:
                mesh = np.linspace(0.0, 1.0, 201)  # re-mesh so the stages do not inherit an ever finer mesh
                y0 = sol.sol(mesh)
                y0[:n] += (tau - previous) * mesh[None, :] * (mu2 - mu1)[:, None]
                y0[n + n * n:2 * n + n * n] += (tau - previous) * (mu2 - mu1)[:, None]
            sol = _solve(n, mu1, s1, mu1 + tau * (mu2 - mu1), s2, mesh, y0, tol)
            previous = tau
    length, err = quad(lambda u: speed(n, sol.sol(u)), 0.0, 1.0, epsabs=1e-12, epsrel=1e-12, limit=200)
    return length, sol, err


def random_pair(rng, n):
    def spd():
        m = rng.normal(size=(n, n))
        return m @ m.T / n + rng.uniform(0.1, 0.5) * np.eye(n)
    return rng.normal(scale=1.0, size=n), spd(), rng.normal(scale=1.0, size=n), spd()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True, help="fixture path (JSON)")
    p.add_argument("--pairs", default="15,15,15,8",
                   help="solved pairs wanted in dimensions 2,3,4,5 (dimension 5 is the slowest for solve_bvp)")
    p.add_argument("--seed", type=int, default=20240601)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    cases, unsolved = [], []
    cache_path = a.out + ".partial.jsonl"
    cache = {}
    if os.path.exists(cache_path):
        with open(cache_path) as f:
            for line in f:
                entry = json.loads(line)
                cache[(entry["dimension"], entry["draw"])] = entry
    wanted = dict(zip((2, 3, 4, 5), (int(v) for v in a.pairs.split(","))))
    for n in (2, 3, 4, 5):
        draw = 0
        while sum(c["dimension"] == n for c in cases) < wanted[n]:
            mu1, s1, mu2, s2 = random_pair(rng, n)
            key = (n, draw)
            draw += 1
            if key not in cache:
                entry = {"dimension": n, "draw": key[1],
                         "mean1": mu1.tolist(), "covariance1": s1.tolist(),
                         "mean2": mu2.tolist(), "covariance2": s2.tolist()}
                try:
                    for tol in (1e-8, 1e-7):
                        try:
                            d, sol, err = fisher_rao_bvp(mu1, s1, mu2, s2, tol=tol)
                            break
                        except RuntimeError:
                            if tol == 1e-7:
                                raise
                    speeds = [speed(n, sol.sol(u)) for u in np.linspace(0, 1, 11)]
                    entry.update({
                        "distance": d,
                        "bvp_tolerance": tol,
                        "quadrature_error_estimate": err,
                        "speed_spread": float(max(speeds) - min(speeds)),
                        "mesh_nodes": int(sol.x.size),
                        "max_rms_residual": float(np.max(sol.rms_residuals)),
                    })
                except RuntimeError as e:
                    entry["failure"] = str(e)
                with open(cache_path, "a") as f:
                    f.write(json.dumps(entry) + "\n")
                cache[key] = entry
            entry = cache[key]
            (unsolved if "failure" in entry else cases).append(entry)
            print(n, entry.get("distance", entry.get("failure")), entry.get("mesh_nodes"), flush=True)
    doc = {
        "source": "tools/reference/fisher_rao_bvp.py (scipy.integrate.solve_bvp on the Fisher-Rao geodesic equations)",
        "scipy": __import__("scipy").__version__, "numpy": np.__version__, "seed": a.seed,
        "cases": cases,
        "unsolved_by_solve_bvp": unsolved,
    }
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)
    os.remove(cache_path)


if __name__ == "__main__":
    main()
