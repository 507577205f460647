"""NumPy's histogram counts and edges that tests/Vae.Tests/Plotting/PlotStructureTests.cs (HistogramCountsMatchNumPy)
asserts for HistogramPlot.Compute(). Prints them with repr() so every digit can be compared with the test's literals.

Run: /usr/bin/python3 tools/reference/plotting_histogram.py   (checked with NumPy 1.24.2)
"""
import numpy as np

# The test's data: x_i = sin(1.3 i)·√(i+1), i < 200 (C#: Math.Sin(i * 1.3) * Math.Sqrt(i + 1), the same float64 ops).
i = np.arange(200, dtype=np.float64)
x = np.sin(i * 1.3) * np.sqrt(i + 1)

print("numpy", np.__version__)

counts, edges = np.histogram(x, bins="auto")
print("auto counts:", counts.tolist())
print("auto bins:", len(counts))
print("auto edges[0]:", repr(float(edges[0])))
print("auto edges[1]:", repr(float(edges[1])))
print("auto edges[-1]:", repr(float(edges[-1])))
assert np.array_equal(edges, np.histogram_bin_edges(x, bins="auto"))

counts, _ = np.histogram(x, bins=7)
print("7 bins counts:", counts.tolist())

counts, _ = np.histogram(x, bins=[-5, -1, 0, 0.5, 3, 20])
print("explicit edges counts:", counts.tolist())

# Zero IQR: NumPy's "auto" falls back to Sturges; the value on the last edge is counted in the last (closed) bin.
ties = np.array([1.0] * 10 + [2.0] * 3)
counts, edges = np.histogram(ties, bins="auto")
print("ties counts:", counts.tolist())
print("ties edges:", [repr(float(e)) for e in edges])
