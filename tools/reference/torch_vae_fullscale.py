#!/usr/bin/python3
"""PyTorch peer of the full-scale workloads of issue 13, served for bench/Vae.Benchmarks/Training/FullScaleBenchmarks.cs.

Data: Fashion-MNIST from Debian's dataset-fashion-mnist package (/usr/share/datasets/fashion-mnist), 60 000 training
and 10 000 test images, pixels / 255. Model: 784-200-200-k ReLU encoder with mu / log-variance heads, mirrored decoder
with Bernoulli logits (torch_vae_common.TorchVae, the same as Vae's); Adam (lr 1e-3); minibatches of 100.

Protocol (one command per stdin line, one reply line):
    epoch K ALPHA   one training epoch over the 60 000 images with the Rényi bound (K samples, order ALPHA; K = 1 and
                    ALPHA = 1 is the ELBO with one sample); replies the mean training loss
    is K N          the importance-sampled log-likelihood with K samples of the first N test images (chunks of about
                    10 000 decoder rows, float64 log-sum-exp); replies the mean log p(x)
    quit
Run: /usr/bin/python3 tools/reference/torch_vae_fullscale.py --serve [--threads 1] [--latent 30]
"""
import argparse
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_vae_common import TorchVae, renyi_loss  # noqa: E402
from torch_vae_mnist import read_idx  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--latent", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--serve", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train = torch.from_numpy(read_idx(os.path.join(a.data_dir, "train-images-idx3-ubyte.gz"))[0].astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    test = torch.from_numpy(read_idx(os.path.join(a.data_dir, "t10k-images-idx3-ubyte.gz"))[0].astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    arch = {"input_shape": [1, 28, 28], "convolutions": [], "hidden_sizes": [200, 200], "latent_size": a.latent,
            "activation": "relu", "decoder": "bernoulli", "decoder_log_variance": 0.0, "learn_decoder_variance": False}
    model = TorchVae(arch)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def epoch(k, alpha):
        order = torch.randperm(train.shape[0])
        total = 0.0
        for i in range(0, train.shape[0], 100):
            xb = train[order[i:i + 100]]
            opt.zero_grad()
            loss = renyi_loss(model, xb, torch.randn(k, xb.shape[0], a.latent), alpha)
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        return total / train.shape[0]

    def importance(k, n):
        total = 0.0
        with torch.no_grad():
            for i in range(0, n, 100):
                xb = test[i:min(i + 100, n)]
                b = xb.shape[0]
                chunk = max(1, min(k, 10_000 // b))
                acc = None
                for done in range(0, k, chunk):
                    kk = min(chunk, k - done)
                    logpx, logpz, logqz, _ = model.terms(xb, torch.randn(kk, b, a.latent))
                    part = torch.logsumexp((logpx + logpz - logqz).double(), 0)
                    acc = part if acc is None else torch.logaddexp(acc, part)
                total += (acc - math.log(k)).sum().item()
        return total / n

    if not a.serve:
        print(f"{epoch(1, 1.0):.6f}")
        return
    print("ready", flush=True)
    for line in iter(input, "quit"):
        parts = line.split()
        if parts[0] == "epoch":
            print(f"{epoch(int(parts[1]), float(parts[2])):.6f}", flush=True)
        elif parts[0] == "is":
            print(f"{importance(int(parts[1]), int(parts[2])):.6f}", flush=True)
        else:
            print(f"unknown command {line}", flush=True)


if __name__ == "__main__":
    main()
