#!/usr/bin/env python3
"""Dump a fitted scikit-learn tree ensemble as JSON for Ratchet (jobs/import-model --format sklearn-trees).

Supported: GradientBoostingClassifier/Regressor, RandomForestClassifier/Regressor, ExtraTreesClassifier/Regressor and
HistGradientBoostingClassifier/Regressor (one-hot or native categorical features), binary classification or
regression; and multiclass GradientBoostingClassifier (k trees per stage, each tree's "class" its column of
predict_proba, "init" one raw prior per class) and RandomForest/ExtraTreesClassifier (each leaf's "value" the list of
its class fractions), with "classes" the model's classes_ as text. The file is "zoo-tree-ensemble/1": per tree, parallel arrays indexed by node id (root 0) of the split
feature (-1 for a leaf), threshold, children, leaf value, missing direction and, for native categorical splits, the
category codes that go left; plus the feature order, the float32 cast, the imputation values and the aggregation.

Usage, from Python (scikit-learn 1.3 or later, numpy):

    from export_sklearn_trees import export
    export(model, "trees.json")                       # model fitted on a DataFrame whose columns Ratchet knows
    export(model, "trees.json", features=names)       # or the names of the columns it was fitted on, in order
    export(model, "trees.json", features=names, impute_missing_with=dict(zip(numeric, imputer.statistics_)))

Column names must be Ratchet dataset features; a one-hot column is named "feature=level" (1.0 for that level, 0.0
otherwise, also for a missing or unseen level: OneHotEncoder(handle_unknown="ignore")). When a SimpleImputer fills the
numeric columns before the trees, pass its values as impute_missing_with so that Ratchet routes a missing value where
the imputed one goes. For a classifier, classes_[1] must be the dataset's positive label.

Then: jobs/import-model <dataset> trees.json [--name N] [--version V] [--candidate]
"""

import json
import sys

FORMAT = "zoo-tree-ensemble/1"

NODE_ARRAYS = ("per tree, parallel arrays indexed by node id, root = 0; leaves have feature -1, left = right = -1, "
               "threshold null, and carry value; internal nodes have value null")

FLOAT32_DECISION = ("left if float32(x) <= threshold, the comparison done in float64 (scikit-learn casts X to float32 "
                    "before traversal; thresholds are float64 midpoints between float32 values); missing_go_left is "
                    "only used for NaN, which cannot reach these trees because the pipeline imputes first.")

HISTOGRAM_DECISION = ("numeric node: left if x <= threshold (x and threshold in float64, no float32 cast); categorical "
                      "node (left_categories not null): left if the category code is in left_categories, else right; "
                      "NaN (missing, or an unseen category) goes left iff missing_go_left. Leaf values already include "
                      "the learning rate.")

IMPUTATION = ("SimpleImputer(strategy='median') fitted on the training window; replaces NaN in the numeric columns "
              "before the trees (one-hot columns are never NaN)")

CATEGORICAL_ENCODING = ("HistGradientBoosting(categorical_features='from_dtype') puts the categorical columns FIRST "
                        "(OrdinalEncoder, categories in categorical_codes, code = position; unseen or missing -> NaN) "
                        "followed by the numeric columns; input.features lists that order, and node 'feature' indexes "
                        "it")


def export(model, path, features=None, impute_missing_with=None, categories=None):
    """Write the dump of a fitted model to path (and return it as a dict).

    features: the names of the columns the trees read, in the order the trees index them (default: the model's
        feature_names_in_; for a HistGradientBoosting model with native categorical features, its categorical columns
        first, then the others).
    impute_missing_with: {column: value} the pipeline fills missing values with before the trees.
    categories: {column: [levels in code order]} for native categorical columns (default: the model's own encoder).
    """
    dump = to_dict(model, features, impute_missing_with, categories)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(dump, out, allow_nan=True)
    return dump


def to_dict(model, features=None, impute_missing_with=None, categories=None):
    import sklearn

    estimator = type(model).__name__
    classifier = hasattr(model, "classes_")
    multiclass = classifier and len(model.classes_) > 2
    task = "multiclass" if multiclass else "binary" if classifier else "regression"
    if multiclass and estimator.startswith("HistGradientBoosting"):
        raise ValueError(f"{estimator} with {len(model.classes_)} classes is not supported (GradientBoosting, "
                         "RandomForest or ExtraTrees)")
    if estimator.startswith("HistGradientBoosting"):
        features, categories, trees, init = _histogram(model, features, categories)
        cast, learning_rate, kind = False, 1.0, "sum"
        preprocessing = {"categorical_encoding": CATEGORICAL_ENCODING} if categories else {}
    elif estimator.startswith("GradientBoosting"):
        features = _names(model, features)
        trees = [dict(_tree(tree.tree_, classifier=False), **({"class": k} if multiclass else {}))
                 for stage in _stages(model) for k, tree in enumerate(stage)]
        init = _gradient_boosting_init(model, len(features))
        init = [float(v) for v in init] if multiclass else float(init[0])
        cast, learning_rate, kind = True, float(model.learning_rate), "sum"
        preprocessing = {}
    elif estimator.startswith(("RandomForest", "ExtraTrees")):
        features = _names(model, features)
        trees = [_tree(tree.tree_, classifier=classifier, multiclass=multiclass) for tree in model.estimators_]
        cast, learning_rate, kind, init = True, None, "mean", 0.0
        preprocessing = {}
    else:
        raise ValueError(f"{estimator} is not supported (GradientBoosting, RandomForest, ExtraTrees or "
                         "HistGradientBoosting, classifier or regressor)")
    if impute_missing_with:
        preprocessing = {"impute_missing_with": {str(k): float(v) for k, v in impute_missing_with.items()},
                         "imputation": IMPUTATION, **preprocessing}
    if kind == "mean":
        aggregation = {"type": "mean", "init": 0.0}
        link = ("per class, the mean of the trees' leaf fractions of that class" if multiclass
                else "mean of the trees' leaf values (for a classifier: each leaf's fraction of label=1 training weight)")
    else:
        aggregation = {"type": "sum", "init": init if multiclass else float(init), "learning_rate": learning_rate}
        link = ("softmax: P(class c) = softmax over c of (init[c] + learning_rate * sum of the leaf values of the "
                "trees of class c)" if multiclass
                else "logistic: P(label=1) = 1/(1+exp(-(init + learning_rate * sum of leaf values)))" if classifier
                else "identity: prediction = init + learning_rate * sum of leaf values")
    dump = {
        "format": FORMAT,
        "library": f"scikit-learn {sklearn.__version__}",
        "estimator": estimator,
        "task": task,
        "input": {"features": [str(f) for f in features], "cast_to_float32_before_split": cast},
        "preprocessing": preprocessing,
        "aggregation": aggregation,
        "link": link,
        "decision": FLOAT32_DECISION if cast else HISTOGRAM_DECISION,
        "node_arrays": NODE_ARRAYS,
        "n_trees": len(trees),
        "trees": trees,
    }
    if multiclass:
        dump["classes"] = [str(c) for c in model.classes_]
    if categories:
        dump["categorical_codes"] = {str(k): [str(level) for level in v] for k, v in categories.items()}
    return dump


def _names(model, features):
    if features is None:
        if not hasattr(model, "feature_names_in_"):
            raise ValueError("the model was not fitted on a DataFrame: give features=[...] (the column names, in order)")
        features = list(model.feature_names_in_)
    if len(features) != model.n_features_in_:
        raise ValueError(f"{len(features)} feature names for a model of {model.n_features_in_} columns")
    return list(features)


def _stages(model):
    return model.estimators_


def _gradient_boosting_init(model, width):
    """The raw prediction before the first tree, one per column of the raw prediction (the log-odds of the prior,
    the log of each class's prior for a multiclass model, or the mean for squared error)."""
    import numpy as np

    if isinstance(model.init_, str) and model.init_ == "zero":
        return [0.0] * model.estimators_.shape[1]
    raw = model._raw_predict_init(np.zeros((1, width), dtype=np.float32))
    return [float(v) for v in np.ravel(raw)]


def _tree(tree, classifier, multiclass=False):
    """A sklearn.tree._tree.Tree as parallel arrays; a classifier leaf holds the fraction of class 1 (multiclass: the
    list of each class's fraction)."""
    left, right = tree.children_left, tree.children_right
    missing = getattr(tree, "missing_go_to_left", None)
    out = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "missing_go_left": []}
    for node in range(tree.node_count):
        leaf = left[node] == -1
        out["feature"].append(-1 if leaf else int(tree.feature[node]))
        out["threshold"].append(None if leaf else float(tree.threshold[node]))
        out["left"].append(int(left[node]))
        out["right"].append(int(right[node]))
        if not leaf:
            value = None
        elif classifier:
            counts = tree.value[node][0]
            value = [float(v) for v in counts / counts.sum()] if multiclass else float(counts[1] / counts.sum())
        else:
            value = float(tree.value[node][0][0])
        out["value"].append(value)
        out["missing_go_left"].append(bool(missing[node]) if missing is not None else False)
    return out


def _histogram(model, features, categories):
    """The predictors of a HistGradientBoosting model, its feature order and its native categories."""
    import numpy as np

    predictors = model._predictors
    if any(len(iteration) != 1 for iteration in predictors):
        raise ValueError("a multi-class model is not supported")
    preprocessor = getattr(model, "_preprocessor", None)
    if features is None:
        if preprocessor is not None and hasattr(model, "feature_names_in_"):
            # categorical_features='from_dtype': the encoder's columns come first, then the others
            features = [str(name).split("__", 1)[-1] for name in preprocessor.get_feature_names_out()]
        else:
            features = _names(model, None)
    if categories is None and preprocessor is not None:
        encoder = preprocessor.named_transformers_["encoder"]
        columns = next(cols for name, _, cols in preprocessor.transformers_ if name == "encoder")
        names = list(np.asarray(model.feature_names_in_)[columns]) if np.asarray(columns).dtype != object \
            else list(columns)
        categories = {str(n): list(c) for n, c in zip(names, encoder.categories_)}
    categories = categories or {}
    trees = []
    for (predictor,) in predictors:
        nodes = predictor.nodes
        bitsets = getattr(predictor, "raw_left_cat_bitsets", None)
        out = {"feature": [], "threshold": [], "left": [], "right": [], "value": [], "missing_go_left": []}
        lefts = []
        for node in nodes:
            leaf = bool(node["is_leaf"])
            categorical = not leaf and bool(node["is_categorical"])
            out["feature"].append(-1 if leaf else int(node["feature_idx"]))
            out["threshold"].append(None if leaf or categorical else float(node["num_threshold"]))
            out["left"].append(-1 if leaf else int(node["left"]))
            out["right"].append(-1 if leaf else int(node["right"]))
            out["value"].append(float(node["value"]) if leaf else None)
            out["missing_go_left"].append(bool(node["missing_go_to_left"]))
            lefts.append(_bits(bitsets[node["bitset_idx"]]) if categorical else None)
        if any(codes is not None for codes in lefts):
            out["left_categories"] = lefts
        trees.append(out)
    init = float(np.ravel(model._baseline_prediction)[0])
    return features, categories, trees, init


def _bits(words):
    """The category codes set in a bitset of 32-bit words."""
    return [32 * w + b for w, word in enumerate(words) for b in range(32) if (int(word) >> b) & 1]


if __name__ == "__main__":
    sys.exit(__doc__)
