package io.ratchet.model.importers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.model.TreeEnsemble;

/**
 * A library's tree model converted to Ratchet's tree ensemble.
 *
 * @param ensemble the trees, base, link and arithmetic
 * @param task what the model predicts (from its objective)
 * @param source what the file said about the model (library, version, objective...), kept
 * in {@code training}
 */
record ImportedTrees(TreeEnsemble ensemble, Task task, Map<String, Object> source) {

	ImportedTrees {
		// in order: the model file is written from it
		source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
	}

}
