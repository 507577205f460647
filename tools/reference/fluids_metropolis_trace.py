#!/usr/bin/python3
"""Trajectory fixtures from the C++ reference sampler (tools/reference/metropolis_ref.cpp).

Regenerate:
    /usr/bin/python3 tools/reference/fluids_metropolis_trace.py
It builds the reference with g++ -O3 -ffp-contract=off, runs `trace` for a few parameter sets and writes
tests/Vae.Tests/Fixtures/fluids/metropolis_ref_trace.json. The C# test runs Metropolis.Trace with the same
seed and stream (replica = stream - 1, no delta tuning) and expects the same final positions: the two
programs share the random generator, the seeding and the floating-point order of every step.
"""
import json
import os
import subprocess
import tempfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
source = os.path.join(root, "tools", "reference", "metropolis_ref.cpp")
out = os.path.join(root, "tests", "Vae.Tests", "Fixtures", "fluids", "metropolis_ref_trace.json")

cases = [
    dict(particles=30, box=10, gamma=1.0, temperature=1.0, delta=0.2, seed=7, stream=1, sweeps=100),
    dict(particles=13, box=6, gamma=0.4, temperature=0.7, delta=0.3, seed=42, stream=5, sweeps=300),
    dict(particles=5, box=4, gamma=0.0, temperature=2.0, delta=0.9, seed=123456789, stream=2, sweeps=1000),
]

with tempfile.TemporaryDirectory() as tmp:
    exe = os.path.join(tmp, "metropolis_ref")
    subprocess.run(["g++", "-O3", "-march=native", "-ffp-contract=off", "-std=c++17", "-pthread", "-o", exe, source], check=True)
    results = []
    for c in cases:
        args = [exe, "trace"] + [x for k, v in c.items() for x in ("--" + k, str(v))]
        results.append(json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout) | {"stream": c["stream"]})

with open(out, "w") as f:
    json.dump({"generator": "tools/reference/metropolis_ref.cpp trace", "cases": results}, f, indent=1)
print("wrote", out)
