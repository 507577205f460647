#!/usr/bin/python3
"""PyTorch peer of `vae train` on real MNIST (issue 3): same set-up, same per-epoch numbers.

Run (Debian's python3-torch 1.13, 2 threads):
    /usr/bin/python3 tools/reference/torch_vae_mnist.py [--data-dir data/mnist] [--epochs 10] [--threads 2]

Set-up as `vae train --epochs 10 --batch 100 --hidden 200,200 --latent 30 --objective elbo`: the official MNIST test
set (t10k, pixels / 255), first 9000 images for training and last 1000 for evaluation; 784-200-200-30 ReLU encoder
with mu / log-variance heads, mirrored decoder with Bernoulli logits; ELBO with analytic KL, beta = 1, one sample;
Adam (lr 1e-3, PyTorch defaults); minibatches of 100 reshuffled every epoch. Per epoch it prints the mean train
-ELBO over the epoch's minibatches (each taken before its Adam step, in nats per sample), the test -ELBO after the
epoch (one noise draw per sample) and the seconds spent in the training loop; at the end a JSON line with all of it.
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch

from torch_vae_common import TorchVae, elbo_loss


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    magic, = struct.unpack(">i", data[:4])
    dims = data[3]
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape), magic


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist"))
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--serve", action="store_true",
                   help="benchmark peer mode: run one training epoch per 'epoch' line on stdin, reply with its -ELBO")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images, _ = read_idx(os.path.join(a.data_dir, "t10k-images-idx3-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    train, test = x[:9000], x[9000:]
    arch = {"input_shape": [1, 28, 28], "convolutions": [], "hidden_sizes": [200, 200], "latent_size": 30,
            "activation": "relu", "decoder": "bernoulli", "decoder_log_variance": 0.0, "learn_decoder_variance": False}
    model = TorchVae(arch)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def train_epoch():
        order = torch.randperm(train.shape[0])
        total = 0.0
        for i in range(0, train.shape[0], 100):
            xb = train[order[i:i + 100]]
            eps = torch.randn(1, xb.shape[0], 30)
            opt.zero_grad()
            loss, _, _ = elbo_loss(model, xb, eps)
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        return total / train.shape[0]

    if a.serve:
        print("ready", flush=True)
        for line in iter(input, "quit"):
            print(f"{train_epoch():.6f}", flush=True)
        return

    epochs = []
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        train_neg_elbo = train_epoch()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            test_total = 0.0
            for i in range(0, test.shape[0], 100):
                xb = test[i:i + 100]
                test_total += elbo_loss(model, xb, torch.randn(1, xb.shape[0], 30))[0].item() * xb.shape[0]
        row = {"epoch": epoch, "train_neg_elbo": train_neg_elbo, "test_neg_elbo": test_total / test.shape[0], "seconds": seconds}
        epochs.append(row)
        print(f"epoch {epoch}: train -ELBO {row['train_neg_elbo']:.3f}, test -ELBO {row['test_neg_elbo']:.3f}, {seconds:.2f} s", flush=True)
    print(json.dumps({"torch": torch.__version__, "threads": a.threads, "epochs": epochs}))


if __name__ == "__main__":
    main()
