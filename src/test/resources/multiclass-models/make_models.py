#!/usr/bin/python3
"""Reference multiclass models for Ratchet's tests, trained and scored by scikit-learn itself.

Run from the repository root with Debian's python3 (scikit-learn 1.2.1, numpy):

    /usr/bin/python3 src/test/resources/multiclass-models/make_models.py

Makes, beside this script, from a seeded synthetic dataset "tiers" (3 classes bronze/silver/gold, six numeric features
x1..x6 and a categorical "region" one-hot encoded as region=north ... region=west):

    data/2024-MM.csv      the held-out rows, 4 months of 250 (day, x1..x6, region, tier): what the tests back-test
    gb-trees.json         GradientBoostingClassifier (3 trees per stage), dumped by src/main/python/export_sklearn_trees.py
    rf-trees.json         RandomForestClassifier (leaf class fractions), same dump
    softmax.onnx          LogisticRegression(multi_class='multinomial') as an ONNX graph (opset 13) written here by
                          hand: input "input" float [N, 10] (x1..x6, then the region indicators), MatMul, Add,
                          Softmax(axis=1), output "probabilities" float [N, 3]
    predictions.csv       per held-out row and model, scikit-learn's predict_proba (file, line, model, p_bronze,
                          p_silver, p_gold; 17 significant digits)
    monthly.csv           per model and month (and ALL), scikit-learn's log_loss, roc_auc_score(multi_class='ovr')
                          macro and weighted, accuracy_score and f1_score(average='macro') of those probabilities

The training rows (3,000, the months before) are drawn, used and not written. The ONNX graph computes in float32; its
reference is scikit-learn's float64 predict_proba (agreement within about 1e-6).
"""

import csv
import datetime
import os
import struct
import sys

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "main", "python"))
from export_sklearn_trees import export  # noqa: E402

CLASSES = ["bronze", "silver", "gold"]
REGIONS = ["north", "south", "east", "west"]
NUMERIC = [f"x{i}" for i in range(1, 7)]
COLUMNS = NUMERIC + [f"region={r}" for r in REGIONS]
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]
PER_MONTH = 250


def draw(rng, n):
    """n rows: numeric features rounded to 4 decimals (the text written is the value used), a region, a tier."""
    x = np.round(rng.normal(size=(n, 6)), 4)
    region = rng.integers(0, len(REGIONS), size=n)
    shift = np.array([0.0, 0.6, -0.4, 0.2])[region]
    z = np.stack([-1.2 * x[:, 0] + 0.5 * x[:, 2] - shift,
                  0.3 * x[:, 1] * x[:, 3] + 0.2,
                  1.1 * x[:, 0] + 0.7 * np.abs(x[:, 4]) + shift - 0.3], axis=1)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(n)
    tier = (u[:, None] > np.cumsum(p, axis=1)[:, :-1]).sum(axis=1)
    return x, region, tier


def design(x, region):
    return np.hstack([x, np.eye(len(REGIONS))[region]])


def main():
    rng = np.random.default_rng(2027)
    x_train, region_train, tier_train = draw(rng, 3000)
    x_test, region_test, tier_test = draw(rng, PER_MONTH * len(MONTHS))
    train, test = design(x_train, region_train), design(x_test, region_test)
    y_train = np.array(CLASSES)[tier_train]
    y_test = np.array(CLASSES)[tier_test]

    gb = GradientBoostingClassifier(n_estimators=25, max_depth=3, learning_rate=0.2, random_state=1)
    rf = RandomForestClassifier(n_estimators=15, max_depth=6, min_samples_leaf=5, random_state=1)
    lr = LogisticRegression(multi_class="multinomial", C=1.0, max_iter=2000)
    models = {"gb": gb, "rf": rf, "lr": lr}
    for model in models.values():
        model.fit(train, y_train)
        # predict_proba's columns follow classes_ (sorted); the dataset's order is CLASSES
    order = {name: [list(model.classes_).index(c) for c in CLASSES] for name, model in models.items()}

    export(gb, os.path.join(HERE, "gb-trees.json"), features=COLUMNS)
    export(rf, os.path.join(HERE, "rf-trees.json"), features=COLUMNS)
    for name in ("gb-trees.json", "rf-trees.json"):
        reorder_classes(os.path.join(HERE, name))
    write_onnx(lr, order["lr"], os.path.join(HERE, "softmax.onnx"))

    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    lines = []
    for m, month in enumerate(MONTHS):
        path = os.path.join(HERE, "data", month + ".csv")
        with open(path, "w", newline="") as out:
            out.write("day,x1,x2,x3,x4,x5,x6,region,tier\n")
            first = datetime.date.fromisoformat(month + "-01")
            for i in range(PER_MONTH):
                r = m * PER_MONTH + i
                day = first + datetime.timedelta(days=i % 28)
                values = ",".join(repr(float(v)) for v in x_test[r])
                out.write(f"{day},{values},{REGIONS[region_test[r]]},{CLASSES[tier_test[r]]}\n")
                lines.append((month + ".csv", i + 2, r))

    probabilities = {name: model.predict_proba(test)[:, order[name]] for name, model in models.items()}
    with open(os.path.join(HERE, "predictions.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "line", "model"] + [f"p_{c}" for c in CLASSES])
        for name in models:
            for file, line, r in lines:
                writer.writerow([file, line, name] + [f"{p:.17g}" for p in probabilities[name][r]])

    with open(os.path.join(HERE, "monthly.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["model", "period", "n", "roc_auc_ovr_macro", "roc_auc_ovr_weighted", "log_loss", "accuracy",
                         "f1_macro"])
        for name in models:
            for m, month in enumerate(MONTHS + ["ALL"]):
                rows = slice(0, len(y_test)) if month == "ALL" else slice(m * PER_MONTH, (m + 1) * PER_MONTH)
                p, y = probabilities[name][rows], tier_test[rows]
                predicted = p.argmax(axis=1)
                figures = [roc_auc_score(y, p, multi_class="ovr", average="macro", labels=[0, 1, 2]),
                           roc_auc_score(y, p, multi_class="ovr", average="weighted", labels=[0, 1, 2]),
                           log_loss(y, p, labels=[0, 1, 2]), accuracy_score(y, predicted),
                           f1_score(y, predicted, average="macro", labels=[0, 1, 2])]
                writer.writerow([name, month, len(y)] + [f"{v:.17g}" for v in figures])
    print(f"scikit-learn {sklearn.__version__}: wrote {', '.join(sorted(os.listdir(HERE)))}")


def reorder_classes(path):
    """Puts a dump's classes in the dataset's order (predict_proba's columns are sorted: bronze, gold, silver)."""
    import json

    with open(path) as f:
        dump = json.load(f)
    old = dump["classes"]
    new_index = {old.index(c): n for n, c in enumerate(CLASSES)}
    dump["classes"] = CLASSES
    if dump["aggregation"]["type"] == "sum":
        dump["aggregation"]["init"] = [dump["aggregation"]["init"][old.index(c)] for c in CLASSES]
        for tree in dump["trees"]:
            tree["class"] = new_index[tree["class"]]
    else:
        for tree in dump["trees"]:
            tree["value"] = [None if v is None else [v[old.index(c)] for c in CLASSES] for v in tree["value"]]
    with open(path, "w") as f:
        json.dump(dump, f)


# --- a minimal Protocol Buffers writer for onnx.proto (field numbers from onnx/onnx.proto) ---

def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, wire, payload):
    key = varint(number << 3 | wire)
    if wire == 0:
        return key + varint(payload)
    return key + varint(len(payload)) + payload


def text(number, s):
    return field(number, 2, s.encode("utf-8"))


def message(number, *parts):
    return field(number, 2, b"".join(parts))


def tensor_value_info(number, name, dims):
    """ValueInfoProto: name (1), type (2) = TypeProto.tensor_type (1) {elem_type (1) FLOAT=1, shape (2)}."""
    shape = b"".join(message(1, text(2, d) if isinstance(d, str) else field(1, 0, d)) for d in dims)
    return message(number, text(1, name), message(2, message(1, field(1, 0, 1), message(2, shape))))


def initializer(name, array):
    """TensorProto: dims (1), data_type (2) FLOAT=1, name (8), raw_data (9) little-endian float32."""
    array = np.asarray(array, dtype="<f4")
    dims = b"".join(field(1, 0, d) for d in array.shape)
    return message(5, dims, field(2, 0, 1), text(8, name), field(9, 2, array.tobytes()))


def node(op, inputs, outputs, name, attributes=b""):
    """NodeProto: input (1), output (2), name (3), op_type (4), attribute (5)."""
    return message(1, *[text(1, i) for i in inputs], *[text(2, o) for o in outputs], text(3, name), text(4, op),
                   attributes)


def write_onnx(model, order, path):
    weights = model.coef_.T[:, order]
    bias = model.intercept_[order]
    # AttributeProto: name (1), i (3), type (20) INT=2
    axis = message(5, text(1, "axis"), field(3, 0, 1), field(20, 0, 2))
    graph = b"".join([
        node("MatMul", ["input", "W"], ["z0"], "matmul"),
        node("Add", ["z0", "b"], ["z"], "add"),
        node("Softmax", ["z"], ["probabilities"], "softmax", axis),
        text(2, "tiers_softmax"),
        initializer("W", weights),
        initializer("b", bias),
        tensor_value_info(11, "input", ["N", len(COLUMNS)]),
        tensor_value_info(12, "probabilities", ["N", len(CLASSES)]),
    ])
    # ModelProto: ir_version (1) 8, producer_name (2), graph (7), opset_import (8) {domain (1) "", version (2) 13}
    model_proto = (field(1, 0, 8) + text(2, "ratchet make_models.py") + message(7, graph)
                   + message(8, text(1, ""), field(2, 0, 13)))
    with open(path, "wb") as out:
        out.write(model_proto)


if __name__ == "__main__":
    main()
