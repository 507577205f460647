#!/usr/bin/python3
"""Peer side of the Schrodinger-clustering speed comparison (issue 12), and the ratio against BenchmarkDotNet's results.

Run both sides with one command:  tools/bench/quantum.sh
(or this script alone, after BenchmarkDotNet wrote its JSON reports:
    /usr/bin/python3 tools/reference/quantum_clustering_bench_peer.py --bdn-results BenchmarkDotNet.Artifacts/results)

Peer (Debian's python3-numpy 1.24, one BLAS thread): the same algorithm as QuantumClusteringBenchmarks.NearestNeighbourSigma
on the same distribution (10 000 codes, 10 clusters in d = 8, centres ~ N(0, 16 I), unit spread): PCA to 3 components
by SVD, sigma = median distance to the 10th nearest neighbour over 2000 strided queries, the Armijo-backtracked descent
of tools/reference/schrodinger_clustering.py (dense over all points, vectorised over the active points in chunks of
256), and the greedy merge. One run (it takes minutes).
"""
import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bdn_results import bdn_mean_seconds  # noqa: E402
from schrodinger_clustering import descend, merge  # noqa: E402


def sigma_rule(x, k=10, queries=2000):
    stride = -(-len(x) // queries)
    q = x[::stride]
    d = np.sqrt(((q[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    d[np.arange(len(q)), np.arange(len(q)) * stride] = np.inf
    return float(np.median(np.sort(d, axis=1)[:, k - 1]))


def peer():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(10, 8)) * 4.0
    codes = centres[np.arange(10_000) % 10] + rng.normal(size=(10_000, 8))
    start = time.perf_counter()
    centred = codes - codes.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    x = centred @ vt[:3].T
    sigma = sigma_rule(x)
    labels, found = merge(descend(x, sigma), sigma)
    return time.perf_counter() - start, len(found)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bdn-results", required=True, help="BenchmarkDotNet results directory with the JSON reports")
    a = p.parse_args()
    ours = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "NearestNeighbourSigma")
    ours_default = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "DefaultSigma")
    ours_lifetime = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "LifetimeSigma")
    ours_count = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "ClusterCountSigma")
    ours_pipeline = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "Figure2Pipeline")
    ours_abramson = bdn_mean_seconds(a.bdn_results, "QuantumClusteringBenchmarks", "AbramsonWidths")
    seconds, clusters = peer()
    print()
    print(f"load: {os.getloadavg()}")
    print("| benchmark | Vae (C#) | NumPy peer | ratio peer/Vae | target |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| Schrodinger clustering, 10 000 codes, k = 10, PCA to 3, NN sigma | {ours:.2f} s | {seconds:.1f} s ({clusters} minima) "
          f"| {seconds / ours:.0f}x | <= 5 s |")
    print(f"| same, default sigma rule (NN, K = ceil(n/12)) | {ours_default:.2f} s | - | - | <= 5 s |")
    print(f"| same, lifetime sigma rule | {ours_lifetime:.2f} s | - | - | <= 5 s |")
    print(f"| same, sigma given k = 10 (the Fig. 2 pipeline's rule) | {ours_count:.2f} s | - | - | <= 5 s |")
    print(f"| same, sigma given k, fragments assigned, Abramson widths (means only) | {ours_abramson:.2f} s | - | - | <= 5 s |")
    print(f"| same, the Fig. 2 pipeline (as above, kernels shaped by the posteriors) | {ours_pipeline:.2f} s | - | - | <= 5 s |")


if __name__ == "__main__":
    main()
