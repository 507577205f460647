#!/usr/bin/python3
"""Reference .npy files written by NumPy for the Vae.Core.IO.Npy tests.

Regenerate (Debian's numpy 1.24):
    /usr/bin/python3 tools/reference/fluids_npy.py
writes tests/Vae.Tests/Fixtures/fluids/npy/*.npy. The tests read them with Npy.Read and also compare the bytes
that Npy.Write produces for the same arrays against these files (NumPy's header layout, version 1.0).
"""
import os
import numpy as np
from numpy.lib import format as npf

out = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Vae.Tests", "Fixtures", "fluids", "npy")
os.makedirs(out, exist_ok=True)


def save(name, array, version=None):
    with open(os.path.join(out, name), "wb") as f:
        npf.write_array(f, array, version=version, allow_pickle=False)


save("f8_2x3.npy", (np.arange(6, dtype="<f8").reshape(2, 3) * 0.5 - 1.0))
save("f4_5.npy", np.array([1.5, -2.25, 3.0e-8, 65504.0, -0.0], dtype="<f4"))
save("i4_2x2x2.npy", np.arange(-4, 4, dtype="<i4").reshape(2, 2, 2))
save("i8_scalar.npy", np.array(-123456789012, dtype="<i8"))
save("f8_0x3.npy", np.zeros((0, 3), dtype="<f8"))
save("f8_v2_3.npy", np.array([0.1, 0.2, 0.3], dtype="<f8"), version=(2, 0))
save("f8_bigendian_2.npy", np.array([1.0, 2.0], dtype=">f8"))
save("f8_fortran_2x2.npy", np.asfortranarray(np.array([[1.0, 2.0], [3.0, 4.0]], dtype="<f8")))
save("u1_2.npy", np.array([1, 2], dtype="u1"))
print("wrote", sorted(os.listdir(out)))
