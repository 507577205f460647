#!/usr/bin/env python3
"""How continuous is the map configuration → canonically sorted distance matrix? (docs/fluids.md §9, issue 14.)

The data sets sort particles by height y (ties by x) before forming D_ij = |x_i − x_j|. Two particles at nearly the same
height swap places in that order under a tiny displacement, which permutes rows and columns of D. This script moves
every particle of held-out equilibrium configurations by Gaussian noise of s.d. ε (far below the thermal motion) and
reports the change of the sorted matrix as a normalised MSE: mean over entries of (D'_ij − D_ij)² divided by the
per-entry variance of D over configurations of that γ — the normalisation of the VAE's standardised inputs, in which
its reconstruction error is ≈ 0.6. Other orders are shown for comparison. Not a test fixture; evidence for the report.

    /usr/bin/python3 tools/reference/fluids_order_stability.py DATA_DIR   # a 'vae fluids sample' directory
"""
import json
import sys

import numpy as np

directory = sys.argv[1]
meta = json.load(open(f"{directory}/metadata.json"))
rng = np.random.default_rng(0)
held_out = 500


def distances(c):
    diff = c[:, None, :] - c[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=-1))


orders = {
    "height (y, then x): the data sets' order": lambda c: np.lexsort((c[:, 0], c[:, 1])),
    "layers of 1σ, then x": lambda c: np.lexsort((c[:, 0], np.floor(c[:, 1]))),
    "x, then y": lambda c: np.lexsort((c[:, 1], c[:, 0])),
}
print("| γ | order | ε = 0.01σ | ε = 0.03σ | ε = 0.1σ |")
print("| --- | --- | --- | --- | --- |")
for entry in meta["dataSets"]:
    configurations = np.load(f"{directory}/{entry['coordinatesFile']}")[-held_out:]  # [count, N, 2], σ
    for name, order in orders.items():
        sorted_matrices = np.array([distances(c[order(c)]) for c in configurations])
        variance = sorted_matrices.var(axis=0).mean()
        cells = []
        for eps in (0.01, 0.03, 0.1):
            moved = configurations + rng.normal(scale=eps, size=configurations.shape)
            moved_matrices = np.array([distances(c[order(c)]) for c in moved])
            cells.append(f"{((moved_matrices - sorted_matrices) ** 2).mean() / variance:.3f}")
        print(f"| {entry['gamma']} | {name} | " + " | ".join(cells) + " |")
