#!/usr/bin/python3
"""Writes the multiclass reference of io.ratchet.metrics.MulticlassOracleTests.

A seeded dataset (4 classes, probabilities from a softmax of noisy logits, some rows with ties, a row with a
probability of exactly 0 and one of exactly 1 for the log loss's clipping), split into two "months", and
scikit-learn's figures for each month and for the whole:
roc_auc_score(multi_class='ovr', average='macro'|'weighted'), log_loss, accuracy_score (argmax, first maximum
on ties) and f1_score(average='macro').

Run with Debian's scikit-learn (1.2.1):  /usr/bin/python3 make_reference.py
It rewrites rows.csv and reference.csv next to itself.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = 4
ROWS = 400

rng = np.random.default_rng(20261207)
labels = rng.integers(0, CLASSES, ROWS)
logits = rng.normal(0.0, 1.0, (ROWS, CLASSES))
logits[np.arange(ROWS), labels] += 1.2
probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
# rounded rows make ties within a class's scores, as models with few distinct outputs give
probabilities[:60] = np.round(probabilities[:60], 1)
probabilities[:60] /= probabilities[:60].sum(axis=1, keepdims=True)
# a zero and a one: the log loss clips them
probabilities[60] = [0.0, 1.0, 0.0, 0.0]
labels[60] = 0
probabilities[61] = [0.0, 0.0, 1.0, 0.0]
labels[61] = 2
month = np.where(np.arange(ROWS) < 230, "2024-01", "2024-02")


def figures(y, p):
    return {
        "roc_auc_ovr_macro": roc_auc_score(y, p, multi_class="ovr", average="macro", labels=range(CLASSES)),
        "roc_auc_ovr_weighted": roc_auc_score(y, p, multi_class="ovr", average="weighted", labels=range(CLASSES)),
        "log_loss": log_loss(y, p, labels=range(CLASSES)),
        "accuracy": accuracy_score(y, p.argmax(axis=1)),
        "f1_macro": f1_score(y, p.argmax(axis=1), average="macro"),
    }


with open(os.path.join(HERE, "rows.csv"), "w", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "label"] + ["p%d" % c for c in range(CLASSES)])
    for i in range(ROWS):
        writer.writerow([month[i], labels[i]] + [repr(float(v)) for v in probabilities[i]])

with open(os.path.join(HERE, "reference.csv"), "w", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "metric", "value"])
    for period in ["2024-01", "2024-02", "ALL"]:
        rows = (month == period) if period != "ALL" else np.ones(ROWS, dtype=bool)
        for name, value in figures(labels[rows], probabilities[rows]).items():
            writer.writerow([period, name, "%.17g" % value])
print("scikit-learn", sklearn.__version__, "wrote", ROWS, "rows")
