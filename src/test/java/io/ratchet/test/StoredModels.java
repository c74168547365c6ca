package io.ratchet.test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelVersion;

/**
 * Model versions for store tests, which need a row in {@code model_version} and nothing a
 * model computes.
 */
public final class StoredModels {

	private StoredModels() {
	}

	/**
	 * Version 1 of a constant logistic model of dataset {@code toy}, with a SHA-256 that
	 * follows from its name.
	 */
	public static ModelVersion named(String name) {
		return new ModelVersion(name, "1", "toy", Task.BINARY, LinearModel.KIND,
				"%064x".formatted(name.hashCode() & 0xffffffffL), Path.of("config/models/" + name + "-v1.json"),
				new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of()));
	}

}
