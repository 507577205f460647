#!/usr/bin/env python3
"""Writes the seed corpus of tools/fuzz (docs/fuzzing.md): small valid and near-valid inputs per reader.

Run from anywhere: python3 tools/fuzz/make_corpus.py. Standard library only; deterministic (the output is committed
under tools/fuzz/corpus/<reader>/, so neither CI nor the fuzz script needs Python).
"""
import gzip
import json
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(reader, name, data):
    folder = os.path.join(ROOT, reader)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def idx(type_code, dims, payload):
    return struct.pack(">BBBB", 0, 0, type_code, len(dims)) + b"".join(struct.pack(">I", d) for d in dims) + payload


def npy(descr, shape, payload, major=1, fortran=False):
    shape_text = "()" if not shape else "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape_text)
    prefix = 10 if major == 1 else 12
    total = (prefix + len(header) + 1 + 63) // 64 * 64
    header = header + " " * (total - prefix - len(header) - 1) + "\n"
    length = struct.pack("<H", len(header)) if major == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([major, 0]) + length + header.encode("latin-1") + payload


def safetensors(tensors, metadata=None):
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, values in tensors:
        fmt = "<%d%s" % (len(values), "f" if dtype == "F32" else "d")
        raw = struct.pack(fmt, *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def main():
    # IDX (MNIST layout): labels, images, gzip, and near misses.
    labels = idx(0x08, [5], bytes([7, 2, 1, 0, 4]))
    images = idx(0x08, [2, 3, 3], bytes(range(18)))
    write("idx", "labels.idx1", labels)
    write("idx", "images.idx3", images)
    write("idx", "labels.idx1.gz", gzip.compress(labels, mtime=0))
    write("idx", "images-truncated.idx3", images[:-4])
    write("idx", "images-trailing.idx3", images + b"\0")
    write("idx", "labels-wrong-type.idx1", idx(0x0D, [1], b"\0\0\0\0"))
    write("idx", "images-zero-dim.idx3", idx(0x08, [0, 28, 28], b""))

    # .npy: every supported dtype, versions 1.0 and 2.0, a scalar and an empty array; near misses.
    write("npy", "f8-2x3.npy", npy("<f8", [2, 3], struct.pack("<6d", 0, 1, 2.5, -3, 1e300, 5e-324)))
    write("npy", "f4-2x2x2.npy", npy("<f4", [2, 2, 2], struct.pack("<8f", *range(8))))
    write("npy", "i4-3.npy", npy("<i4", [3], struct.pack("<3i", -1, 0, 2**31 - 1)))
    write("npy", "i8-scalar.npy", npy("<i8", [], struct.pack("<q", -2**63)))
    write("npy", "f8-0x3.npy", npy("<f8", [0, 3], b""))
    write("npy", "f4-v2.npy", npy("<f4", [2], struct.pack("<2f", 1, 2), major=2))
    write("npy", "f8-truncated.npy", npy("<f8", [4], struct.pack("<3d", 1, 2, 3)))
    write("npy", "f8-fortran.npy", npy("<f8", [1, 1], struct.pack("<d", 1), fortran=True))
    write("npy", "big-endian.npy", npy(">f8", [1], struct.pack(">d", 1)))

    # safetensors: plain tensors with metadata, a model file with architecture metadata, near misses.
    write("safetensors", "two-tensors.safetensors", safetensors(
        [("a", "F32", [2, 2], [1, 2, 3, 4]), ("b", "F64", [3], [0.5, -1, 2]), ("s", "F32", [], [7])],
        {"format": "pt"}))
    architecture = {"input_shape": [4], "convolutions": [], "hidden_sizes": [3], "latent_size": 2, "activation": "relu",
                    "decoder": "bernoulli", "decoder_log_variance": 0.0, "learn_decoder_variance": False}
    shapes = [("encoder.0.weight", [3, 4]), ("encoder.0.bias", [3]), ("mu.weight", [2, 3]), ("mu.bias", [2]),
              ("log_variance.weight", [2, 3]), ("log_variance.bias", [2]), ("decoder.0.weight", [3, 2]),
              ("decoder.0.bias", [3]), ("decoder.2.weight", [4, 3]), ("decoder.2.bias", [4])]
    model = [(n, "F32", s, [0.1] * (s[0] * (s[1] if len(s) > 1 else 1))) for n, s in shapes]
    write("safetensors", "model.safetensors", safetensors(model, {"vae.architecture": json.dumps(architecture), "format": "pt"}))
    huge = dict(architecture, hidden_sizes=[200000])
    write("safetensors", "model-huge-hidden.safetensors", safetensors(model, {"vae.architecture": json.dumps(huge)}))
    conv = {"input_shape": [1, 8, 8], "convolutions": [{"channels": 2, "kernel_size": 3, "stride": 2, "padding": 1}],
            "hidden_sizes": [], "latent_size": 2, "activation": "tanh", "decoder": "gaussian",
            "decoder_log_variance": -1.5, "learn_decoder_variance": True}
    write("safetensors", "conv-model.safetensors", safetensors([("w", "F32", [200], [0.0] * 200)], {"vae.architecture": json.dumps(conv)}))
    good = safetensors([("a", "F32", [2], [1, 2])])
    write("safetensors", "truncated.safetensors", good[:-3])
    write("safetensors", "empty-header.safetensors", struct.pack("<Q", 2) + b"{}")

    # metadata.json of `vae fluids sample` and `vae fluids anomaly-data` (the fields they write); near misses.
    sample = {"generator": "vae 0.1.0 fluids sample", "particles": 30, "box": 10.0, "temperature": 0.5, "seed": 0, "count": 3,
              "dataSets": [{"gamma": 0.1, "seed": 0, "coordinatesFile": "gamma_0.1_coordinates.npy",
                            "distancesFile": "gamma_0.1_distances.npy", "count": 3, "particles": 30},
                           {"gamma": 0.4, "seed": 1, "coordinatesFile": "gamma_0.4_coordinates.npy",
                            "distancesFile": "gamma_0.4_distances.npy", "count": 3, "particles": 30}]}
    write("metadata", "sample.json", json.dumps(sample, indent=2))
    anomalies = {"seed": 0, "normal": {"gamma": 1.0, "particles": 30, "box": 10.0, "temperature": 0.5, "sweepsPerSample": 5},
                 "families": [{"family": "normal", "description": "γ = 1", "coordinatesFile": "normal_coordinates.npy",
                               "distancesFile": "normal_distances.npy", "count": 4, "particles": 30},
                              {"family": "masked", "description": "8×8 block", "distancesFile": "masked_distances.npy", "count": 4}]}
    write("metadata", "anomaly-data.json", json.dumps(anomalies, indent=2, ensure_ascii=False))
    write("metadata", "traversal.json", json.dumps(dict(sample, dataSets=[dict(sample["dataSets"][0], distancesFile="../x.npy")])))
    write("metadata", "same-file.json", json.dumps(dict(sample, dataSets=[sample["dataSets"][0], sample["dataSets"][0]])))
    write("metadata", "no-box.json", json.dumps({k: v for k, v in sample.items() if k != "box"}))

    # Sweep files (docs/sweeps.md); near misses.
    sweep = {"name": "mnist-replicas",
             "base": {"dataset": "mnist", "data_dir": "", "epochs": 20, "batch_size": 100, "hidden": [200, 200], "latent": 30,
                      "objective": "elbo", "alpha": 0.5, "samples": 1, "beta": 1.0, "anneal_steps": 0,
                      "learning_rate": 0.001, "eval_samples": 0, "seed": 1, "threads": 1},
             "grid": {"latent": [10, 30], "seed": [1, 2, 3, 4, 5]}}
    write("sweep", "replicas.json", json.dumps(sweep, indent=2))
    write("sweep", "renyi.json", json.dumps({"name": "renyi", "base": {"objective": "renyi", "epochs": 1},
                                              "grid": {"alpha": [0, 0.5, 1.5], "samples": [1, 5], "learning_rate": [0.001]}}))
    write("sweep", "objective-axis.json", json.dumps({"name": "o", "grid": {"objective": ["elbo", "renyi"], "beta": [0, 0.5]}}))
    write("sweep", "duplicate-value.json", json.dumps({"name": "d", "grid": {"seed": [1, 1]}}))
    write("sweep", "bad-type.json", json.dumps({"name": "b", "base": {"hidden": [0]}, "grid": {"seed": [1]}}))


if __name__ == "__main__":
    main()
