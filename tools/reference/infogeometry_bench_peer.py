#!/usr/bin/python3
"""Peer side of the Vae.InfoGeometry speed comparison (issue 4), and the ratios against BenchmarkDotNet's results.

Run both sides with one command:  tools/bench/infogeometry.sh
(or this script alone, after BenchmarkDotNet wrote its JSON reports:
    /usr/bin/python3 tools/reference/infogeometry_bench_peer.py --bdn-results BenchmarkDotNet.Artifacts/results)

Peers (Debian's python3: numpy 1.24, scipy 1.10; one BLAS thread):
  * diagonal Fisher-Rao distance, 100 000 pairs in k = 30, NumPy vectorised:
        d_i = sqrt(2) * arccosh(1 + ((dmu)^2 / 2 + (dsigma)^2) / (2 sigma1 sigma2)),  d = sqrt(sum_i d_i^2)
    on the same distribution as the C# benchmark (mu ~ N(0, 1), log sigma^2 ~ U(-4, 1)); median of 15 repeats.
  * exact full-covariance distance in dimension 5: scipy.integrate.solve_bvp (tools/reference/fisher_rao_bvp.py) on
    the dimension-5 pairs of the committed fixture, at tol = 1e-6, the loosest tolerance that still matches the
    exact distances to better than 1e-6 (so the fastest fair setting for SciPy); mean seconds per pair.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bdn_results import bdn_mean_seconds  # noqa: E402
from fisher_rao_bvp import fisher_rao_bvp  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(REPO, "tests", "Vae.Tests", "Fixtures", "infogeometry", "fisher_rao_bvp.json")


def diagonal_peer(repeats=15):
    rng = np.random.default_rng(1)
    n, k = 100_000, 30
    m1, m2 = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    s1, s2 = np.exp(0.5 * rng.uniform(-4, 1, size=(n, k))), np.exp(0.5 * rng.uniform(-4, 1, size=(n, k)))

    def distances():
        x = ((m1 - m2) ** 2 / 2 + (s1 - s2) ** 2) / (2 * s1 * s2)
        d = np.sqrt(2) * np.arccosh(1 + x)
        return np.sqrt((d * d).sum(axis=1))

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        distances()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def full_covariance_peer():
    with open(FIXTURE) as f:
        cases = [c for c in json.load(f)["cases"] if c["dimension"] == 5]
    start = time.perf_counter()
    worst = 0.0
    for c in cases:
        d, _, _ = fisher_rao_bvp(np.array(c["mean1"]), np.array(c["covariance1"]), np.array(c["mean2"]),
                                 np.array(c["covariance2"]), tol=1e-6)
        worst = max(worst, abs(d - c["distance"]))
    return (time.perf_counter() - start) / len(cases), len(cases), worst


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bdn-results", required=True, help="BenchmarkDotNet results directory with the JSON reports")
    a = p.parse_args()
    ours_diag = bdn_mean_seconds(a.bdn_results, "DiagonalFisherRaoBenchmarks", "Batched")
    ours_full = bdn_mean_seconds(a.bdn_results, "FullCovarianceFisherRaoBenchmarks", "ExactDistance")
    peer_diag = diagonal_peer()
    peer_full, pairs, worst = full_covariance_peer()
    print()
    print("| benchmark | Vae (C#) | peer | ratio peer/Vae | target |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| diagonal Fisher-Rao, 100 000 pairs, k = 30 | {ours_diag * 1e3:.2f} ms | NumPy {peer_diag * 1e3:.2f} ms "
          f"| {peer_diag / ours_diag:.1f}x | >= 3x |")
    print(f"| exact full-covariance distance, n = 5 (per pair, {pairs} pairs) | {ours_full * 1e3:.3f} ms "
          f"| SciPy solve_bvp {peer_full * 1e3:.0f} ms | {peer_full / ours_full:.0f}x | <= 1 ms and >= 50x |")
    print(f"\n(solve_bvp at tol = 1e-6 differs from the fixture distances by at most {worst:.1e}.)")


if __name__ == "__main__":
    main()
