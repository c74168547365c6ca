package io.ratchet.model.importers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.importers.LightgbmText.Field;

/**
 * The columns of a LightGBM model ({@code feature_names}) resolved against the dataset.
 * The categorical ones are those of the {@code categorical_feature} parameter (or,
 * without it, those whose {@code feature_infos} lists categories); the
 * {@code pandas_categorical} lists belong to them in column order and give each level's
 * code (its position), else a code is the level read as an integer.
 */
final class LightgbmInputs {

	private LightgbmInputs() {
	}

	/** The model's columns in order, each resolved against the dataset. */
	static List<Input> resolve(LightgbmText text, DatasetConfig dataset) {
		Map<String, Field> header = text.header();
		Field namesField = text.required(header, "feature_names", 1);
		String[] names = namesField.value().split(" ");
		TreeSet<Integer> categorical = new TreeSet<>();
		Field declared = text.parameters().get("categorical_feature");
		if (declared != null && !declared.value().isBlank()) {
			for (String item : declared.value().split(",")) {
				String word = item.strip().replaceFirst("^name:", "");
				int index = List.of(names).indexOf(word);
				categorical.add((index >= 0) ? index
						: (int) text.integer(new Field(word, declared.line()), "categorical_feature"));
			}
		}
		else if (header.containsKey("feature_infos")) {
			String[] infos = header.get("feature_infos").value().split(" ");
			for (int f = 0; f < infos.length; f++) {
				if (!infos[f].startsWith("[") && !infos[f].equals("none")) {
					categorical.add(f);
				}
			}
		}
		Field pandas = text.pandas();
		List<List<String>> lists = categories(text, pandas);
		if (lists != null && lists.size() != categorical.size()) {
			throw text.error(pandas.line(),
					"pandas_categorical has " + lists.size() + " lists but the model has " + categorical.size()
							+ " categorical features " + categorical + ": cannot tell which list is whose");
		}
		List<Input> inputs = new ArrayList<>();
		int next = 0;
		for (int f = 0; f < names.length; f++) {
			boolean isCategorical = categorical.contains(f);
			List<String> levels = (isCategorical && lists != null) ? lists.get(next++) : null;
			inputs.add(Input.resolve(text.file(), names[f], isCategorical, levels, dataset));
		}
		return inputs;
	}

	/**
	 * The lists of the {@code pandas_categorical} line, or {@code null} when there is
	 * none (or it is null).
	 */
	private static List<List<String>> categories(LightgbmText text, Field pandas) {
		if (pandas == null || pandas.value().strip().equals("null")) {
			return null;
		}
		JsonValue json;
		try {
			json = JsonValue.parse(text.file(), pandas.value().getBytes(StandardCharsets.UTF_8));
		}
		catch (ModelFileException ex) {
			throw text.error(pandas.line(), "pandas_categorical: " + ex.reason());
		}
		List<List<String>> lists = new ArrayList<>();
		for (JsonValue list : json.items()) {
			List<String> levels = new ArrayList<>();
			for (JsonValue level : list.items()) {
				if (level.node().isString()) {
					levels.add(level.text());
				}
				else if (level.node().isIntegralNumber()) {
					levels.add(level.node().asString());
				}
				else {
					throw text.error(pandas.line(), "pandas_categorical" + level.path() + ": categories must be"
							+ " strings or integers, not " + level.node().asString());
				}
			}
			lists.add(levels);
		}
		return lists;
	}

}
