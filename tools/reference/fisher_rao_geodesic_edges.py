#!/usr/bin/python3
"""Univariate Fisher-Rao distances in the gradual-underflow window and geodesic points of extreme pairs, with mpmath.

Regenerate (Debian's python3-mpmath 1.3.0):
    /usr/bin/python3 tools/reference/fisher_rao_geodesic_edges.py
writes tests/Vae.Tests/Fixtures/infogeometry/fisher_rao_geodesic_edges.json (reading the pairs of fisher_rao_edges.json,
which it does not change).

Distances: d = sqrt(2) * 2 asinh(sqrt(x / 2)), x = ((mu1 - mu2)^2 / 2 + (sigma1 - sigma2)^2) / (2 sigma1 sigma2)
(Costa, Santos & Strapasson 2015, eq. 11), for pairs whose Delta mu^2/2 + Delta sigma^2 or 2 sigma1 sigma2 is a subnormal
double (review finding 2: the SIMD kernel took those from a few significant bits).

Geodesic points (review finding 5: far-apart pairs gave NaN): in the half-plane (u, sigma), u = mu / sqrt(2), the geodesic
is the vertical line sigma(t) = sigma1^(1 - t) sigma2^t when u1 = u2, and otherwise the half-circle of centre c on the u
axis and radius r through both points, parametrised by hyperbolic arc length tau as u = c + r tanh(tau),
sigma = r / cosh(tau) (sinh(tau) = (u - c) / sigma). gamma(t) is at tau1 + t (tau2 - tau1). This is a different route
from the library's (Cayley direction, and the hyperboloid model for extreme pairs). Evaluated at 1500 digits, so that
nothing cancels (1 - |u - c| / r reaches 1e-1300 for the subnormal pairs).
"""
import json
import os
import mpmath

mpmath.mp.dps = 1500

distance_cases = [
    ("finding2_subnormal_both", 0.0, 3e-162, 1e-162, 7e-162),
    ("finding2_sigma_ratio", 0.0, 1.234e-161, 0.0, 5.67e-161),
    ("subnormal_denominator", 0.0, 1e-160, 1e-150, 1e-160),
    ("subnormal_denominator_mean_only", 2e-161, 3e-161, -5e-161, 3e-161),
]

EDGES = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Vae.Tests", "Fixtures", "infogeometry", "fisher_rao_edges.json")
with open(EDGES) as f:
    # the pairs of fisher_rao_edges.json (repr of each double, so float() restores it exactly)
    geodesic_cases = [(c["name"], float(c["mean1"]), float(c["std_dev1"]), float(c["mean2"]), float(c["std_dev2"])) for c in json.load(f)["cases"]]
geodesic_cases += [
    # review finding 5
    ("finding5_far_mean", 0.0, 1e-100, 1e60, 1.0),
    ("finding5_far_mean_2", 0.0, 1e-10, 1e145, 1.0),
    ("tiny_sigma_moderate_length", 0.0, 1e-300, 1e-280, 1e-300),
    ("subnormal_to_huge", 0.0, 5e-324, 1e308, 1e308),
]
times = [0.1, 0.25, 0.5, 0.75, 0.9]
SQRT2 = mpmath.sqrt(2)
TINY = mpmath.mpf(2.2250738585072014e-308)


def distance(m1, s1, m2, s2):
    x = ((m1 - m2) ** 2 / 2 + (s1 - s2) ** 2) / (2 * s1 * s2)
    return SQRT2 * 2 * mpmath.asinh(mpmath.sqrt(x / 2))


def geodesic(m1, s1, m2, s2, t):
    if m1 == m2:
        return m1, s1 ** (1 - t) * s2 ** t
    du = (m2 - m1) / SQRT2          # shift so that u1 = 0
    c = (du ** 2 + s2 ** 2 - s1 ** 2) / (2 * du)
    r = mpmath.sqrt(c ** 2 + s1 ** 2)
    tau1 = mpmath.asinh(-c / s1)
    tau2 = mpmath.asinh((du - c) / s2)
    tau = tau1 + t * (tau2 - tau1)
    return m1 + SQRT2 * (c + r * mpmath.tanh(tau)), r / mpmath.cosh(tau)


def s(v):
    return mpmath.nstr(v, 30, min_fixed=1, max_fixed=0)


out_distances = []
for name, m1, s1, m2, s2 in distance_cases:
    d = distance(*(mpmath.mpf(v) for v in (m1, s1, m2, s2)))
    out_distances.append({"name": name, "mean1": repr(m1), "std_dev1": repr(s1), "mean2": repr(m2), "std_dev2": repr(s2),
                          "distance": s(d)})

out_geodesics = []
for name, m1, s1, m2, s2 in geodesic_cases:
    M1, S1, M2, S2 = (mpmath.mpf(v) for v in (m1, s1, m2, s2))
    points = []
    for t in times:
        mean, sigma = geodesic(M1, S1, M2, S2, mpmath.mpf(t))
        # a point whose sigma is below the normal doubles cannot be held to relative precision: left out
        if sigma < TINY:
            continue
        points.append({"t": t, "mean": s(mean), "std_dev": s(sigma)})
    out_geodesics.append({"name": name, "mean1": repr(m1), "std_dev1": repr(s1), "mean2": repr(m2), "std_dev2": repr(s2),
                          "points": points})

path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Vae.Tests", "Fixtures", "infogeometry", "fisher_rao_geodesic_edges.json")
with open(path, "w") as f:
    json.dump({"generator": "tools/reference/fisher_rao_geodesic_edges.py", "mpmath": mpmath.__version__, "dps": mpmath.mp.dps,
               "distances": out_distances, "geodesics": out_geodesics}, f, indent=1)
    f.write("\n")
print(json.dumps({"distances": out_distances, "geodesics": out_geodesics}, indent=1))
