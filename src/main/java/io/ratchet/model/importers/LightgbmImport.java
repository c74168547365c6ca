package io.ratchet.model.importers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.model.Link;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.TreeEnsemble;
import io.ratchet.model.importers.LightgbmText.Field;

/**
 * Converts a LightGBM text model ({@code Booster.save_model("m.txt")}, format v2 to v4)
 * into a float64 {@link TreeEnsemble}, LightGBM working in double throughout:
 * <ul>
 * <li>a numeric node goes left when {@code x <= threshold}; {@code decision_type} bit 2
 * is "default left" and bits 2-3 the missing type: NaN (a missing x goes the default
 * way), Zero (a missing x and any x with {@code |x| <= 1e-35f} go the default way; where
 * that is not one interval of the split, the split becomes a few Ratchet splits and a
 * child subtree is copied) or None (a missing x is scored as 0.0);</li>
 * <li>a categorical node ({@code decision_type} bit 1) sends LEFT the codes set in its
 * {@code cat_threshold} bitset ({@code cat_boundaries} delimits each node's words) and
 * everything else RIGHT, a missing or unseen level included; a code is the position of
 * the level in the {@code pandas_categorical} line (lists sorted as strings, so "2" comes
 * after "19"), or the level read as an integer when the model was trained without pandas
 * categories;</li>
 * <li>the prediction is {@code sigmoid(k * sum)} for {@code binary sigmoid:k} and
 * {@code cross_entropy}, the sum itself for the regression objectives; leaf values
 * already include the shrinkage and the initial score. A forest ({@code average_output})
 * divides each leaf by the number of trees.</li>
 * </ul>
 * Refused, naming the file (and line) and the cause: multi-class, ranking and
 * exponential-link objectives, {@code reg_sqrt}, linear trees, columns the dataset lacks.
 * A file that ends before {@code end of trees} is reported as truncated.
 * <p>
 * The file is split into its sections by {@link LightgbmText}, the objective read by
 * {@link LightgbmObjective}, the columns resolved by {@link LightgbmInputs} and each tree
 * converted by {@link LightgbmTree} (its categorical splits by {@link LightgbmBitsets}).
 */
final class LightgbmImport {

	private LightgbmImport() {
	}

	/**
	 * Reads the model file.
	 * @throws ModelFileException naming the file and the line when it cannot be read or
	 * is not supported
	 */
	static ImportedTrees read(Path file, byte[] bytes, DatasetConfig dataset) {
		return convert(LightgbmText.parse(file, new String(bytes, StandardCharsets.UTF_8)), dataset);
	}

	private static ImportedTrees convert(LightgbmText text, DatasetConfig dataset) {
		Map<String, Field> header = text.header();
		List<Map<String, Field>> trees = text.trees();
		String objective = text.required(header, "objective", 1).value();
		for (String count : List.of("num_class", "num_tree_per_iteration")) {
			Field field = header.get(count);
			if (field != null && text.integer(field, count) != 1) {
				throw text.error(field.line(),
						"not supported: a multi-class model (" + count + "=" + field.value() + ")");
			}
		}
		LightgbmObjective meaning = LightgbmObjective.of(objective, text.required(header, "objective", 1).line(), text);
		Field sizes = header.get("tree_sizes");
		if (sizes != null && sizes.value().split(" ").length != trees.size()) {
			throw text.error(text.lineCount(), "the header announces " + sizes.value().split(" ").length + " trees"
					+ " (tree_sizes) but the file holds " + trees.size() + " (is it truncated?)");
		}
		List<Input> inputs = LightgbmInputs.resolve(text, dataset);
		double scale = meaning.scale();
		if (header.containsKey("average_output")) {
			scale /= trees.size();
		}
		List<TreeEnsemble.Tree> converted = new ArrayList<>();
		for (int t = 0; t < trees.size(); t++) {
			converted.add(new LightgbmTree(text, inputs, trees.get(t), text.treeLine(t), scale).convert());
		}
		TreeEnsemble ensemble = new TreeEnsemble(meaning.task() == Task.BINARY ? Link.LOGISTIC : Link.IDENTITY, 0.0,
				converted, Map.of());
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("library",
				"lightgbm (model format " + header.getOrDefault("version", new Field("?", 0)).value() + ")");
		source.put("objective", objective);
		source.put("trees", trees.size());
		if (header.containsKey("average_output")) {
			source.put("average_output", true);
		}
		return new ImportedTrees(ensemble, meaning.task(), source);
	}

}
