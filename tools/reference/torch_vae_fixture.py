#!/usr/bin/python3
"""Peer-parity fixture for Vae.Core's engine (issue 3).

Regenerate (Debian's python3-torch 1.13; CI never runs this):
    /usr/bin/python3 tools/reference/torch_vae_fixture.py > tests/Vae.Tests/Fixtures/engine/torch_vae_fixture.json

Two models, batch 4, fixed noise, float32:
  * "mlp":  64-32-32-8 ReLU VAE, Bernoulli decoder (logits, BCE with logits);
  * "conv": 1x12x12 input, Conv2d(4,k3,s2,p1) -> Conv2d(8,k3,s2,p1) -> Linear 16 -> latent 4, mirrored with
            ConvTranspose2d, Gaussian decoder with learned per-pixel log-variance.
For each: initial weights (PyTorch default init, seed 0), inputs x, noise eps [K,B,L], the ELBO (beta = 1, K = 1)
with its terms and every parameter gradient, the parameters after one torch.optim.Adam step (lr 1e-3), and the
Renyi bound (alpha = 0.5, K = 3) with its gradients, and two Adam steps with beta1 0.8, beta2 0.99, eps 1e-6,
weight decay 0.01 after clip_grad_norm_(max_norm = 1).
"""
import json
import sys

import torch

from torch_vae_common import TorchVae, elbo_loss, renyi_loss


def arch(input_shape, convolutions, hidden, latent, decoder, learn_var=False, log_var=0.0):
    return {"input_shape": input_shape, "convolutions": convolutions, "hidden_sizes": hidden, "latent_size": latent,
            "activation": "relu", "decoder": decoder, "decoder_log_variance": log_var, "learn_decoder_variance": learn_var}


def values(t):
    return [float("%.9g" % v) for v in t.detach().reshape(-1).tolist()]


def tensors(named):
    return {n: {"shape": list(t.shape), "values": values(t)} for n, t in named}


def case(a, x, seed):
    torch.manual_seed(seed)
    model = TorchVae(a)
    g = torch.Generator().manual_seed(seed + 1)
    b, latent = x.shape[0], a["latent_size"]
    eps1 = torch.randn(1, b, latent, generator=g)
    eps3 = torch.randn(3, b, latent, generator=g)
    initial = tensors(model.named_parameters())

    model.zero_grad()
    loss, rec, kl = elbo_loss(model, x, eps1)
    loss.backward()
    elbo = {"loss": loss.item(), "reconstruction": rec.item(), "kl": kl.item(),
            "gradients": tensors((n, p.grad) for n, p in model.named_parameters())}

    model.zero_grad()
    r = renyi_loss(model, x, eps3, 0.5)
    r.backward()
    renyi = {"alpha": 0.5, "samples": 3, "loss": r.item(), "gradients": tensors((n, p.grad) for n, p in model.named_parameters())}

    # One Adam step from the ELBO gradients.
    model.zero_grad()
    elbo_loss(model, x, eps1)[0].backward()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    opt.step()
    after = tensors(model.named_parameters())

    # Two steps with every Adam option set and global gradient-norm clipping, from the initial weights.
    torch.manual_seed(seed)
    model = TorchVae(a)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01)
    norms = []
    for _ in range(2):
        model.zero_grad()
        elbo_loss(model, x, eps1)[0].backward()
        norms.append(torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item())
        opt.step()
    adam_options = {"learning_rate": 1e-3, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6, "weight_decay": 0.01,
                    "max_gradient_norm": 1.0, "steps": 2, "gradient_norms": norms,
                    "after": tensors(model.named_parameters())}
    return {"architecture": a, "x": {"shape": list(x.shape), "values": values(x)},
            "epsilon": {"shape": list(eps1.shape), "values": values(eps1)},
            "renyi_epsilon": {"shape": list(eps3.shape), "values": values(eps3)},
            "parameters": initial, "elbo": elbo, "renyi": renyi, "adam_learning_rate": 1e-3, "after_adam": after,
            "adam_all_options": adam_options}


def main():
    torch.set_default_dtype(torch.float32)
    gx = torch.Generator().manual_seed(123)
    mlp = arch([64], [], [32, 32], 8, "bernoulli")
    x_mlp = torch.rand(4, 64, generator=gx)
    conv = arch([1, 12, 12], [{"channels": 4, "kernel_size": 3, "stride": 2, "padding": 1},
                              {"channels": 8, "kernel_size": 3, "stride": 2, "padding": 1}], [16], 4,
                "gaussian", learn_var=True, log_var=-1.0)
    x_conv = torch.rand(4, 1, 12, 12, generator=gx)
    out = {"generator": f"tools/reference/torch_vae_fixture.py, torch {torch.__version__}",
           "mlp": case(mlp, x_mlp, 0), "conv": case(conv, x_conv, 10)}
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
