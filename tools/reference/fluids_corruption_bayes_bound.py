#!/usr/bin/env python3
"""The best AUC any detector can reach on the corrupted family (docs/fluids.md §9, issue 14).

A corrupted configuration is a normal (Boltzmann, p(x) ∝ e^{−U(x)/T} in the box) configuration with a uniformly
random set S of 4 particles each moved by a step of length uniform in [0, 0.2σ] in a uniform direction
(`AnomalyData.Corrupt`; wall clamping, which is rare, is ignored here). Its density is the mixture
    p_c(x) = E_{S,δ} [ p(x − δ_S) ],
so the likelihood ratio of corrupted to normal, the Neyman–Pearson optimal score, is
    Λ(x) = E_{S,δ} [ exp(−[U(x − δ_S) − U(x)] / T) · 1{x − δ_S in the box} ],
estimated here by Monte Carlo over (S, δ). Its ROC AUC on the coordinates (which hold strictly more than the
distance matrices: they include the heights the gravity term needs) bounds the AUC of every score computed from the
distance matrices, VAE-based or physical; two local energy statistics of the matrices are printed beside it. Normal class: the second half of the normal family, as in
`vae fluids evaluate`. Not a test fixture; evidence for the report.

    /usr/bin/python3 tools/reference/fluids_corruption_bayes_bound.py ANOMALY_DIR [DRAWS]   # 'vae fluids anomaly-data' output
"""
import json
import sys

import numpy as np
from sklearn.metrics import roc_auc_score

directory = sys.argv[1]
draws = int(sys.argv[2]) if len(sys.argv) > 2 else 400
meta = json.load(open(f"{directory}/metadata.json"))
physics = meta["normal"]
gamma, temperature, box = physics["gamma"], physics["temperature"], physics["box"]
moved, max_step = 4, 0.2
rng = np.random.default_rng(0)


def energy(c):
    """U' = Σ_{i<j} 4(r⁻¹² − r⁻⁶) + γ Σ y_i for configurations c [..., N, 2]."""
    diff = c[..., :, None, :] - c[..., None, :, :]
    r2 = (diff ** 2).sum(axis=-1)
    n = c.shape[-2]
    iu = np.triu_indices(n, 1)
    s = 1.0 / r2[..., iu[0], iu[1]]
    return (4 * s ** 3 * (s ** 3 - 1)).sum(axis=-1) + gamma * c[..., 1].sum(axis=-1)


def log_likelihood_ratio(c):
    n = c.shape[0]
    base = energy(c)
    subsets = np.argsort(rng.random((draws, n)), axis=1)[:, :moved]
    length = max_step * rng.random((draws, moved))
    angle = 2 * np.pi * rng.random((draws, moved))
    undone = np.repeat(c[None], draws, axis=0)
    rows = np.arange(draws)[:, None]
    undone[rows, subsets, 0] -= length * np.cos(angle)
    undone[rows, subsets, 1] -= length * np.sin(angle)
    inside = ((undone >= 0) & (undone <= box)).all(axis=(1, 2))
    delta = energy(undone) - base
    terms = np.where(inside, -delta / temperature, -np.inf)
    top = terms.max()
    return top + np.log(np.exp(terms - top).mean())


def coordinates(name):
    entry = next(f for f in meta["families"] if f["family"] == name)
    return np.load(f"{directory}/{entry['coordinatesFile']}")


normal = coordinates("normal")
normal = normal[len(normal) // 2:]
corrupted = coordinates("corrupted")
scores_normal = np.array([log_likelihood_ratio(c) for c in normal])
scores_corrupted = np.array([log_likelihood_ratio(c) for c in corrupted])
labels = np.r_[np.zeros(len(scores_normal)), np.ones(len(scores_corrupted))]
auc = roc_auc_score(labels, np.r_[scores_normal, scores_corrupted])
print(f"γ = {gamma}, T = {temperature}, L = {box}; {len(normal)} normal, {len(corrupted)} corrupted; {draws} draws of (S, δ) each")
print(f"Bayes-optimal (likelihood-ratio) ROC AUC, corrupted vs normal: {auc:.3f}")


def distances(name):
    entry = next(f for f in meta["families"] if f["family"] == name)
    return np.load(f"{directory}/{entry['distancesFile']}").astype(np.float64)


def pair_energies(d):
    iu = np.triu_indices(d.shape[1], 1)
    s = 1.0 / d[:, iu[0], iu[1]] ** 2
    return 4 * s ** 3 * (s ** 3 - 1)  # [count, pairs], ε


normal_d = distances("normal")
normal_d = normal_d[len(normal_d) // 2:]
corrupted_d = distances("corrupted")
def largest_particle_energy(u, n=normal_d.shape[1]):
    iu = np.triu_indices(n, 1)
    full = np.zeros((len(u), n, n))
    full[:, iu[0], iu[1]] = u
    return (full + full.transpose(0, 2, 1)).sum(axis=2).max(axis=1)


for name, statistic in [("largest pair energy", lambda u: u.max(axis=1)), ("largest particle energy", largest_particle_energy)]:
    scores = np.r_[statistic(pair_energies(normal_d)), statistic(pair_energies(corrupted_d))]
    print(f"{name} from the distance matrices: ROC AUC {roc_auc_score(labels, scores):.3f}")
