package io.ratchet.api;

/**
 * A model version of the catalogue ({@code config/models/}).
 *
 * @param key {@code name@version}
 * @param task {@code binary} or {@code regression}
 * @param kind the model's kind (linear, logistic, tree ensemble, ONNX, logged)
 * @param role its role in the registry: {@code champion}, {@code candidate} or
 * {@code other}
 */
public record ModelView(String key, String name, String version, String dataset, String task, String kind,
		String sha256, String role) {

}
