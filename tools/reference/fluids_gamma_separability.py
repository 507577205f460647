#!/usr/bin/env python3
"""How well can γ be read off one equilibrated distance matrix at all? (docs/fluids.md §9, issue 14.)

A ceiling for the latent linear probe: scikit-learn's logistic regression on the raw N² standardised distances
(the same split as `vae fluids train --holdout 1000 --train-per-gamma 1500`: first 1500 matrices of each γ train,
last 1000 test). Not a test fixture; evidence for the report.

    /usr/bin/python3 tools/reference/fluids_gamma_separability.py DATA_DIR   # a 'vae fluids sample' directory
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.preprocessing import StandardScaler

directory = sys.argv[1]
meta = json.load(open(f"{directory}/metadata.json"))
train, train_y, test, test_y = [], [], [], []
for label, entry in enumerate(meta["dataSets"]):
    d = np.load(f"{directory}/{entry['distancesFile']}").astype(np.float64)
    d = d.reshape(d.shape[0], -1)
    train.append(d[:1500]); train_y += [label] * 1500
    test.append(d[-1000:]); test_y += [label] * 1000
scaler = StandardScaler().fit(np.vstack(train))
x, xt = scaler.transform(np.vstack(train)), scaler.transform(np.vstack(test))
for c in (0.01, 0.1, 1.0):
    model = LogisticRegression(C=c, max_iter=3000).fit(x, train_y)
    print(f"raw distances, C = {c}: train {model.score(x, train_y):.4f}, held-out {model.score(xt, test_y):.4f}")
    if c == 0.01:
        print(confusion_matrix(test_y, model.predict(xt)))
