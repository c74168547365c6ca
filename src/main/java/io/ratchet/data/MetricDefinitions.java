package io.ratchet.data;

import java.util.List;

/**
 * The metrics a dataset defines beyond the built-in ones: more top-k shares
 * ({@code top-k:}, besides the built-in 5% and 10%) and formulas over the counts
 * ({@code metrics:}). Checked when the dataset's file is read.
 *
 * @param topK the shares, each giving {@code precision_}, {@code recall_} and
 * {@code lift_top{percent}pct}; without 5% and 10%, which every binary dataset has
 * @param formulas the user's own metrics, in file order
 */
public record MetricDefinitions(List<TopK> topK, List<CountFormula> formulas) {

	/** No metric beyond the built-in ones. */
	public static final MetricDefinitions NONE = new MetricDefinitions(List.of(), List.of());

	public MetricDefinitions {
		topK = List.copyOf(topK);
		formulas = List.copyOf(formulas);
	}

	/** Whether the dataset defines nothing beyond the built-in metrics. */
	public boolean isEmpty() {
		return this.topK.isEmpty() && this.formulas.isEmpty();
	}

}
