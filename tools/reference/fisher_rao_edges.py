#!/usr/bin/python3
"""Univariate Fisher-Rao distances at the edges of double precision, computed with mpmath at 60 digits.

Regenerate (Debian's python3-mpmath 1.2.1):
    /usr/bin/python3 tools/reference/fisher_rao_edges.py
writes tests/Vae.Tests/Fixtures/infogeometry/fisher_rao_edges.json: per case (mu1, sigma1, mu2, sigma2) as the exact
decimal of the double (repr) and d = sqrt(2) * acosh(1 + ((mu1 - mu2)^2 / 2 + (sigma1 - sigma2)^2) / (2 sigma1 sigma2))
(Costa, Santos & Strapasson 2015, eq. 11), evaluated in arbitrary precision so that nothing overflows or cancels.
"""
import json
import os
import mpmath

mpmath.mp.dps = 60
cases = [
    ("issue15_tiny_vs_huge", 0.0, 1e-300, 1e300, 1e300),
    ("opposite_huge_means", 1e308, 1.0, -1e308, 1.0),
    ("huge_means_huge_sigma", -1.7e308, 1e308, 1.7e308, 1.5e308),
    ("sigma_ratio_extreme", 0.0, 1e-300, 0.0, 1e300),
    ("subnormal_sigma", 0.0, 5e-324, 1.0, 1.0),
    ("tiny_everything", 1e-300, 1e-300, -1e-300, 3e-300),
    ("tiny_mean_difference", 1e-170, 1e-170, 0.0, 1e-170),
    ("near_coincident", 0.5, 2.0, 0.5 + 2**-40, 2.0),
    ("moderate", -1.25, 0.75, 3.5, 2.25),
    ("direct_form_huge_argument", 1e150, 1e-150, -1e150, 2e-150),
]
out = []
for name, m1, s1, m2, s2 in cases:
    M1, S1, M2, S2 = (mpmath.mpf(v) for v in (m1, s1, m2, s2))
    x = ((M1 - M2) ** 2 / 2 + (S1 - S2) ** 2) / (2 * S1 * S2)
    # acosh(1 + x) = 2 asinh(sqrt(x / 2)): the same number without cancellation near 1
    d = mpmath.sqrt(2) * 2 * mpmath.asinh(mpmath.sqrt(x / 2))
    out.append({"name": name, "mean1": repr(m1), "std_dev1": repr(s1), "mean2": repr(m2), "std_dev2": repr(s2),
                "distance": mpmath.nstr(d, 30)})
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Vae.Tests", "Fixtures", "infogeometry", "fisher_rao_edges.json")
with open(path, "w") as f:
    json.dump({"generator": "tools/reference/fisher_rao_edges.py", "mpmath": mpmath.__version__, "dps": mpmath.mp.dps, "cases": out}, f, indent=1)
    f.write("\n")
print(json.dumps(out, indent=1))
