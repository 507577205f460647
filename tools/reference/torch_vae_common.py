"""PyTorch twin of Vae.Core's VariationalAutoencoder, built from the same architecture JSON
(VaeArchitecture.ToJson), with identical state_dict names: encoder.0.weight ..., encoder.mu.*, encoder.log_variance.*,
decoder.0.weight ..., likelihood.log_variance (learned Gaussian variance only). Shared by torch_vae_fixture.py,
torch_vae_mnist.py and torch_state_dict_interop.py."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

ACTIVATIONS = {
    "relu": nn.ReLU, "leakyrelu": lambda: nn.LeakyReLU(0.01), "tanh": nn.Tanh,
    "sigmoid": nn.Sigmoid, "softplus": nn.Softplus,
}


def conv_shapes(arch):
    shapes = [list(arch["input_shape"])]
    for c in arch["convolutions"]:
        _, h, w = shapes[-1]
        out = lambda s: (s + 2 * c["padding"] - c["kernel_size"]) // c["stride"] + 1
        shapes.append([c["channels"], out(h), out(w)])
    return shapes


class Encoder(nn.Module):
    """Children 0..n-1 as in nn.Sequential, then the heads mu and log_variance."""

    def __init__(self, layers, features, latent):
        super().__init__()
        self.count = len(layers)
        for i, layer in enumerate(layers):
            self.add_module(str(i), layer)
        self.mu = nn.Linear(features, latent)
        self.log_variance = nn.Linear(features, latent)

    def forward(self, x):
        for i in range(self.count):
            x = getattr(self, str(i))(x)
        return self.mu(x), self.log_variance(x)


class Likelihood(nn.Module):
    """Bernoulli on logits, or Gaussian with a fixed or learned per-feature log-variance."""

    def __init__(self, arch):
        super().__init__()
        self.bernoulli = arch["decoder"] == "bernoulli"
        self.fixed = float(arch["decoder_log_variance"])
        if not self.bernoulli and arch["learn_decoder_variance"]:
            d = math.prod(arch["input_shape"])
            self.log_variance = nn.Parameter(torch.full((d,), self.fixed))

    def log_prob(self, xr, o):
        if self.bernoulli:
            return -F.binary_cross_entropy_with_logits(o, xr, reduction="none").sum(-1)
        s = self.log_variance if hasattr(self, "log_variance") else torch.full((o.shape[1],), self.fixed)
        return -0.5 * ((xr - o) ** 2 * torch.exp(-s) + s + math.log(2 * math.pi)).sum(-1)

    def mean(self, o):
        return torch.sigmoid(o) if self.bernoulli else o


class TorchVae(nn.Module):
    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        act = ACTIVATIONS[arch["activation"]]
        shapes = conv_shapes(arch)
        enc = []
        for i, c in enumerate(arch["convolutions"]):
            enc += [nn.Conv2d(shapes[i][0], c["channels"], c["kernel_size"], c["stride"], c["padding"]), act()]
        last = shapes[-1]
        if len(last) > 1:
            enc.append(nn.Flatten())
        features = math.prod(last)
        for h in arch["hidden_sizes"]:
            enc += [nn.Linear(features, h), act()]
            features = h
        self.encoder = Encoder(enc, features, arch["latent_size"])
        dec = []
        features = arch["latent_size"]
        for h in reversed(arch["hidden_sizes"]):
            dec += [nn.Linear(features, h), act()]
            features = h
        bottom = math.prod(last)
        dec.append(nn.Linear(features, bottom))
        if arch["convolutions"]:
            dec += [act(), nn.Unflatten(1, tuple(last))]
            for i in reversed(range(len(arch["convolutions"]))):
                c = arch["convolutions"][i]
                src, dst = shapes[i + 1], shapes[i]
                op = dst[1] - ((src[1] - 1) * c["stride"] - 2 * c["padding"] + c["kernel_size"])
                dec.append(nn.ConvTranspose2d(src[0], dst[0], c["kernel_size"], c["stride"], c["padding"], output_padding=op))
                if i > 0:
                    dec.append(act())
        elif len(arch["input_shape"]) > 1:
            dec.append(nn.Unflatten(1, tuple(arch["input_shape"])))
        self.decoder = nn.Sequential(*dec)
        self.likelihood = Likelihood(arch)

    def log_px(self, x, out):
        """log p(x|z) per row; x is [B, ...], out is [K*B, ...] (k-major)."""
        b = x.shape[0]
        k = out.shape[0] // b
        xr = x.reshape(1, b, -1).expand(k, b, -1).reshape(k * b, -1)
        o = out.reshape(k * b, -1)
        return self.likelihood.log_prob(xr, o)

    def terms(self, x, eps):
        """eps: [K, B, L]. Returns (log p(x|z) [K,B], log p(z) [K,B], log q(z|x) [K,B], KL [B])."""
        mu, lv = self.encoder(x)
        sigma = torch.exp(0.5 * lv)
        z = mu.unsqueeze(0) + sigma.unsqueeze(0) * eps
        k, b, latent = eps.shape
        out = self.decoder(z.reshape(k * b, latent))
        logpx = self.log_px(x, out).reshape(k, b)
        prior = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
        post = torch.distributions.Normal(mu, sigma)
        logpz = prior.log_prob(z).sum(-1)
        logqz = post.log_prob(z).sum(-1)
        kl = -0.5 * (1 + lv - mu ** 2 - torch.exp(lv)).sum(-1)
        return logpx, logpz, logqz, kl


def reconstruction(model, x):
    """E[x|z = mu(x)] with the input's shape (Vae's forward)."""
    mu, _ = model.encoder(x)
    return model.likelihood.mean(model.decoder(mu)).reshape(x.shape)


def elbo_loss(model, x, eps, beta=1.0):
    logpx, _, _, kl = model.terms(x, eps)
    rec = -logpx.mean(0).mean()
    klm = kl.mean()
    return rec + beta * klm, rec, klm


def renyi_loss(model, x, eps, alpha):
    logpx, logpz, logqz, _ = model.terms(x, eps)
    logw = logpx + logpz - logqz
    k = eps.shape[0]
    if alpha == 1:
        bound = logw.mean(0)
    else:
        bound = (torch.logsumexp((1 - alpha) * logw, 0) - math.log(k)) / (1 - alpha)
    return -bound.mean()
