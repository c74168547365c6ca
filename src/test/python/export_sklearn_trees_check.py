#!/usr/bin/env python3
"""Runs src/main/python/export_sklearn_trees.py on stand-ins for fitted scikit-learn models (the attributes the helper
reads, with scikit-learn's meaning) and writes, beside each dump, rows and the prediction scikit-learn would make, so
that SklearnTreesHelperTests can import the dumps in Java and compare. Needs python3 and numpy, not scikit-learn.

    python3 export_sklearn_trees_check.py <helper folder> <output folder>
"""
import csv
import os
import sys
import types

import numpy as np

sys.modules["sklearn"] = types.SimpleNamespace(__version__="0.0-standin")
sys.path.insert(0, sys.argv[1])
from export_sklearn_trees import export  # noqa: E402

OUT = sys.argv[2]
FEATURES = ["tenure_months", "plan=pro"]


class Tree:
    """sklearn.tree._tree.Tree: parallel arrays; value[node][0] holds the output (or class counts)."""

    def __init__(self, feature, threshold, left, right, value, missing):
        self.feature = np.array(feature)
        self.threshold = np.array(threshold, dtype=np.float64)
        self.children_left = np.array(left)
        self.children_right = np.array(right)
        self.value = np.array(value, dtype=np.float64)
        self.missing_go_to_left = np.array(missing, dtype=np.uint8)
        self.node_count = len(feature)

    def leaf(self, x):
        node = 0
        while self.children_left[node] != -1:
            v = x[self.feature[node]]
            if np.isnan(v):
                node = self.children_left[node] if self.missing_go_to_left[node] else self.children_right[node]
            else:
                node = self.children_left[node] if v <= self.threshold[node] else self.children_right[node]
        return node


def stump(feature, threshold, low, high, missing_left=0):
    return Tree([feature, -2, -2], [threshold, -2.0, -2.0], [1, -1, -1], [2, -1, -1],
                [[[0.0] * len(low)], [low], [high]], [missing_left, 0, 0])


class Holder:
    def __init__(self, tree):
        self.tree_ = tree


class GradientBoostingRegressor:
    def __init__(self):
        self.learning_rate = 0.5
        self.init_ = object()
        self.n_features_in_ = 2
        self.feature_names_in_ = np.array(FEATURES, dtype=object)
        self.estimators_ = np.array([[Holder(stump(0, 12.5, [2.0], [8.0]))],
                                     [Holder(stump(1, 0.5, [-1.0], [3.0]))]], dtype=object)

    def _raw_predict_init(self, x):
        return np.full((len(x), 1), 10.0)

    def predict(self, x):
        x = x.astype(np.float32).astype(np.float64)  # scikit-learn casts X to float32 before the trees
        total = 10.0
        for (holder,) in self.estimators_:
            tree = holder.tree_
            total += self.learning_rate * tree.value[tree.leaf(x)][0][0]
        return total


class RandomForestClassifier:
    def __init__(self):
        self.classes_ = np.array([0, 1])
        self.n_features_in_ = 2
        self.feature_names_in_ = np.array(FEATURES, dtype=object)
        self.estimators_ = [Holder(stump(0, 0.1, [3.0, 1.0], [1.0, 3.0])), Holder(stump(1, 0.5, [2.0, 2.0], [0.0, 4.0], 1))]

    def predict(self, x):
        x = x.astype(np.float32).astype(np.float64)
        ps = []
        for holder in self.estimators_:
            counts = holder.tree_.value[holder.tree_.leaf(x)][0]
            ps.append(counts[1] / counts.sum())
        return sum(ps) / len(ps)


RECORD = np.dtype([("value", np.float64), ("count", np.uint32), ("feature_idx", np.int64), ("num_threshold", np.float64),
                   ("missing_go_to_left", np.uint8), ("left", np.uint32), ("right", np.uint32), ("gain", np.float64),
                   ("depth", np.uint32), ("is_leaf", np.uint8), ("bin_threshold", np.uint8),
                   ("is_categorical", np.uint8), ("bitset_idx", np.uint32)])


class Predictor:
    """TreePredictor: a record per node; categorical nodes point into raw_left_cat_bitsets (8 words each)."""

    def __init__(self, rows, bitsets):
        self.nodes = np.array(rows, dtype=RECORD)
        self.raw_left_cat_bitsets = np.array(bitsets, dtype=np.uint32)

    def predict(self, x):
        node = self.nodes[0]
        while not node["is_leaf"]:
            v = x[node["feature_idx"]]
            if np.isnan(v):
                left = node["missing_go_to_left"]
            elif node["is_categorical"]:
                code = int(v)
                left = (int(self.raw_left_cat_bitsets[node["bitset_idx"]][code // 32]) >> (code % 32)) & 1
            else:
                left = v <= node["num_threshold"]
            node = self.nodes[node["left"] if left else node["right"]]
        return node["value"]


class HistGradientBoostingRegressor:
    """Native categories first: plan (codes basic=0, pro=1, team=2), then tenure_months."""

    def __init__(self):
        self.n_features_in_ = 2
        self._baseline_prediction = np.array([[100.0]])
        self._preprocessor = None
        words = [0] * 8
        words[0] = 0b101  # basic and team go left
        self._predictors = [[Predictor([
            (0, 0, 0, 0.0, 0, 1, 2, 0, 0, 0, 0, 1, 0),
            (1.0, 0, 0, 0.0, 0, 0, 0, 0, 1, 1, 0, 0, 0),
            (0, 0, 1, 0.1, 1, 3, 4, 0, 1, 0, 0, 0, 0),
            (2.0, 0, 0, 0.0, 0, 0, 0, 0, 2, 1, 0, 0, 0),
            (4.0, 0, 0, 0.0, 0, 0, 0, 0, 2, 1, 0, 0, 0)], [words])]]

    def predict(self, x):
        return 100.0 + sum(p.predict(x) for (p,) in self._predictors)


def rows():
    for tenure in (3.0, 12.5, 12.500000000000002, 12.5001, 0.1, 0.05, float("nan")):
        for plan in ("basic", "pro", "team", "", "trial"):
            yield tenure, plan


def main():
    os.makedirs(OUT, exist_ok=True)
    codes = {"basic": 0.0, "pro": 1.0, "team": 2.0}
    models = {"gb": GradientBoostingRegressor(), "rf": RandomForestClassifier(), "hgb": HistGradientBoostingRegressor()}
    for name, model in models.items():
        path = os.path.join(OUT, name + ".json")
        if name == "hgb":
            export(model, path, features=["plan", "tenure_months"], categories={"plan": ["basic", "pro", "team"]})
        else:
            export(model, path, impute_missing_with={"tenure_months": 20.0})
        with open(os.path.join(OUT, name + ".csv"), "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["tenure_months", "plan", "expected"])
            for tenure, plan in rows():
                if name == "hgb":
                    x = np.array([codes.get(plan, float("nan")), tenure])
                else:
                    filled = 20.0 if np.isnan(tenure) else tenure  # the pipeline's imputer
                    x = np.array([filled, 1.0 if plan == "pro" else 0.0])
                writer.writerow(["" if np.isnan(tenure) else repr(tenure), plan, repr(float(model.predict(x)))])


main()
