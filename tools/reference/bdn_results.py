"""Reads BenchmarkDotNet's JSON reports for the peer scripts (*_bench_peer.py), which print our row beside the peer's."""
import glob
import json
import os


def bdn_mean_seconds(results_dir, type_name, method):
    """Mean time in seconds of benchmark `type_name.method` in the JSON reports of `results_dir`; exits if absent."""
    for path in glob.glob(os.path.join(results_dir, "*.json")):
        with open(path) as f:
            doc = json.load(f)
        for b in doc.get("Benchmarks", []):
            if b.get("Type") == type_name and b.get("Method") == method:
                return b["Statistics"]["Mean"] * 1e-9
    raise SystemExit(f"no BenchmarkDotNet result for {type_name}.{method} in {results_dir}")
