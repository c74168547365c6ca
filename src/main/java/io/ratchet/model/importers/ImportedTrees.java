package io.ratchet.model.importers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.model.ModelDefinition;
import io.ratchet.model.MulticlassTrees;
import io.ratchet.model.TreeEnsemble;

/**
 * A library's tree model converted to Ratchet's tree ensemble.
 *
 * @param ensemble the trees, base, link and arithmetic: a {@link TreeEnsemble}, or a
 * {@link MulticlassTrees} (one sum of trees per class)
 * @param task what the model predicts (from its objective)
 * @param source what the file said about the model (library, version, objective...), kept
 * in {@code training}
 */
record ImportedTrees(ModelDefinition ensemble, Task task, Map<String, Object> source) {

	ImportedTrees {
		// in order: the model file is written from it
		source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
	}

	/** The same trees with {@code training} as their description. */
	ModelDefinition withTraining(Map<String, Object> training) {
		if (this.ensemble instanceof MulticlassTrees multiclass) {
			return new MulticlassTrees(multiclass.classes(), multiclass.link(), multiclass.sums(), training);
		}
		TreeEnsemble trees = (TreeEnsemble) this.ensemble;
		return new TreeEnsemble(trees.link(), trees.base(), trees.trees(), training, trees.arithmetic());
	}

}
