package io.ratchet.data;

/** One feature column of a dataset. */
public record Feature(String name, FeatureType type) {
}
