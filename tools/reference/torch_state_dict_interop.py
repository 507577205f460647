#!/usr/bin/python3
"""Checkpoint interoperability between Vae (TorchSharp) and PyTorch, both directions (issue 10).

Regenerate (Debian's python3-torch 1.13; CI never runs this), from the repository root:
    /usr/bin/python3 tools/reference/torch_state_dict_interop.py

Vae -> PyTorch: tests/Vae.Tests/Fixtures/interop/vae-{mlp,conv}.safetensors were written by Vae
(VariationalAutoencoder.Create(architecture, 5).Save). This script builds the PyTorch twin (torch_vae_common.TorchVae)
from the architecture in each file's metadata, loads the tensors with a STRICT load_state_dict (every name and shape
must match, nothing missing or extra), and records what PyTorch computes from them on fixed inputs.

PyTorch -> Vae: it also builds a twin with torch.manual_seed(11), writes its state_dict as
tests/Vae.Tests/Fixtures/interop/pytorch-{mlp,conv}.safetensors (with the architecture in the metadata, as Vae writes
it) and records what PyTorch computes with it. The C# test loads these files into Vae and compares.

Recorded per case (float32 model, inputs x [4, ...] and noise eps [1, 4, k] fixed below): the reconstruction
E[x|z = mu(x)], the posterior mean and log-variance, and the ELBO terms (reconstruction, KL, loss) on eps.
Output: tests/Vae.Tests/Fixtures/interop/interop.json.
"""
import json
import math
import os
import struct

import torch

from torch_vae_common import TorchVae, elbo_loss, reconstruction

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Vae.Tests", "Fixtures", "interop")
DTYPES = {"F32": torch.float32, "F64": torch.float64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        raw = bytearray(data[8 + n + start:8 + n + end])
        t = torch.frombuffer(raw, dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = t.clone()
    return tensors, meta


def write_safetensors(path, tensors, meta):
    header, offset, blobs = {"__metadata__": meta}, 0, []
    for name, t in tensors.items():
        b = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def values(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def outputs(model, arch, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand([4] + list(arch["input_shape"]), generator=g)
    eps = torch.randn(1, 4, arch["latent_size"], generator=g)
    with torch.no_grad():
        mu, lv = model.encoder(x)
        loss, rec, kl = elbo_loss(model, x, eps)
        return {"x": {"shape": list(x.shape), "values": values(x)},
                "epsilon": {"shape": list(eps.shape), "values": values(eps)},
                "mean": values(mu), "log_variance": values(lv), "reconstruction": values(reconstruction(model, x)),
                "loss": loss.item(), "reconstruction_term": rec.item(), "kl": kl.item()}


def main():
    result = {"generator": f"tools/reference/torch_state_dict_interop.py, torch {torch.__version__}"}
    for case in ("mlp", "conv"):
        tensors, meta = read_safetensors(os.path.join(ROOT, f"vae-{case}.safetensors"))
        arch = json.loads(meta["vae.architecture"])
        model = TorchVae(arch)
        model.load_state_dict(tensors, strict=True)
        result[f"vae_{case}"] = outputs(model, arch, 100)

        torch.manual_seed(11)
        peer = TorchVae(arch)
        write_safetensors(os.path.join(ROOT, f"pytorch-{case}.safetensors"), peer.state_dict(),
                          {"vae.architecture": json.dumps(arch, separators=(",", ":")), "format": "pt"})
        result[f"pytorch_{case}"] = outputs(peer, arch, 200)
    with open(os.path.join(ROOT, "interop.json"), "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
