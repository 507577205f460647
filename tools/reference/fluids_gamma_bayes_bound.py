#!/usr/bin/env python3
"""The Bayes limit of reading γ off one equilibrated configuration (docs/fluids.md §9, issue 14).

Equilibrium configurations x of the 2-D LJ + gravity fluid at temperature T follow
    p(x | γ) = exp(−[U_pair(x) + γ S(x)] / T) / Z(γ),     S(x) = Σ_i y_i,
so S is a sufficient statistic for γ: every function of x (the distance matrix, a VAE's posterior means, any
probe on them) carries at most the information about γ that S carries. The best accuracy of *any* classifier of γ
from one configuration is therefore that of the Bayes classifier on S alone, whose class posterior is
    log p(γ | S) = −γ S / T − log Z(γ) + log π(γ) − log normaliser,
linear in S. Two estimates of that accuracy on the same split as the VAE's probe (first 5000 configurations of
each γ to fit, last 1000 held out):
  * multinomial logistic regression on the single feature S (the exact model family: a linear score per class),
  * a Gaussian-KDE density of S per γ (no model assumption).
Not a test fixture; evidence for the report.

    /usr/bin/python3 tools/reference/fluids_gamma_bayes_bound.py DATA_DIR   # a 'vae fluids sample' directory
"""
import json
import sys

import numpy as np
from scipy.stats import gaussian_kde
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix

directory = sys.argv[1]
train_count, test_count = 5000, 1000
meta = json.load(open(f"{directory}/metadata.json"))
gammas, train, test = [], [], []
for entry in meta["dataSets"]:
    coordinates = np.load(f"{directory}/{entry['coordinatesFile']}")  # [count, N, 2], σ
    s = coordinates[:, :, 1].sum(axis=1)
    gammas.append(entry["gamma"])
    train.append(s[:train_count])
    test.append(s[-test_count:])
    print(f"γ = {entry['gamma']}: S = Σ y_i mean {s.mean():.2f} σ, sd {s.std():.2f} σ ({len(s)} configurations)")
labels = np.repeat(np.arange(len(gammas)), test_count)
held_out = np.concatenate(test)

model = LogisticRegression(C=1e6, max_iter=10000).fit(
    np.concatenate(train)[:, None], np.repeat(np.arange(len(gammas)), train_count))
logistic = model.predict(held_out[:, None])
accuracy = (logistic == labels).mean()
print(f"Bayes classifier on S, logistic (exact family): held-out accuracy {accuracy:.4f} "
      f"± {np.sqrt(accuracy * (1 - accuracy) / len(labels)):.4f} (binomial s.e.)")
print("slopes (should be ∝ −γ/T up to a common shift):", np.round(model.coef_.ravel(), 4))
print(confusion_matrix(labels, logistic))

kde = np.array([gaussian_kde(s).logpdf(held_out) for s in train]).argmax(axis=0)
print(f"Bayes classifier on S, Gaussian KDE: held-out accuracy {(kde == labels).mean():.4f}")
print(confusion_matrix(labels, kde))
