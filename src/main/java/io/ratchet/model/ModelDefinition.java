package io.ratchet.model;

import io.ratchet.data.FeatureType;

import java.util.List;
import java.util.Map;

/**
 * The numbers and structure of a model version, apart from its identity: a
 * {@link LinearModel}, a {@link TreeEnsemble}, an {@link OnnxModel}, or a
 * {@link LoggedModel} (scores logged in production), or a {@link MultinomialModel} or
 * {@link MulticlassTrees} (multiclass; an ONNX model is multiclass when its output names
 * its classes). Definitions are immutable and validated when built.
 */
public sealed interface ModelDefinition
		permits LinearModel, TreeEnsemble, OnnxModel, LoggedModel, MultinomialModel, MulticlassTrees {

	/**
	 * The {@code kind} written in model files: {@code linear}, {@code tree-ensemble},
	 * {@code onnx} or {@code logged}.
	 */
	String kind();

	/** How the raw sum becomes the prediction. */
	Link link();

	/**
	 * How the model was trained (window, rows, hyperparameters, objective); informational
	 * only, possibly empty.
	 */
	Map<String, Object> training();

	/**
	 * Every feature the model reads, each once, in order of first use, with the way the
	 * model reads it.
	 */
	Map<String, FeatureType> featureTypes();

	/**
	 * A multiclass model's classes, in the order of its probabilities; empty for a binary
	 * or regression model.
	 */
	default List<String> classes() {
		return List.of();
	}

	/** Every feature the model reads, each once, in order of first use. */
	default List<String> features() {
		return List.copyOf(featureTypes().keySet());
	}

}
