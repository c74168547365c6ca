package io.ratchet.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Segment;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.report.Formats;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.SegmentBounds;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.segment.SegmentStore.StoredSegmentValue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The segments of a run's report: {@code segments.csv} (one row per model, period and
 * segment level, every metric a column) and a section of the page with a segment x month
 * table of each metric the segments are bounded on ({@code roc_auc} or {@code rmse} when
 * none is), for the champion (or the first model). A cell past its bound is shown as
 * breached; a level below {@code segments.min-rows} shows its row count instead of a
 * judgement.
 *
 * <p>
 * Why a file of its own rather than a {@code segment} column in {@code metrics.csv}:
 * {@code metrics.csv} keeps one row per model and period, which every reader of it
 * (spreadsheets, the lead's scripts, other jobs' columns) relies on; the segment rows are
 * many more and have two more keys.
 */
public final class SegmentReport {

	/** The file beside {@code metrics.csv}. */
	public static final String CSV = "segments.csv";

	private SegmentReport() {
	}

	/** Writes {@code segments.csv} into the report folder. */
	public static void writeCsv(Path dir, RunSummary summary, DatasetConfig dataset, List<StoredSegmentValue> values) {
		List<MetricId> metrics = MetricId.forDataset(dataset);
		List<String> header = new ArrayList<>(List.of("run", "dataset", "model", "version", "period", "segment_column",
				"segment_level", "rows", "verdict"));
		metrics.forEach((metric) -> header.add(metric.key()));
		Map<Long, RunModel> models = new LinkedHashMap<>();
		summary.models().forEach((model) -> models.put(model.model().id(), model.model()));
		try {
			Files.createDirectories(dir);
			AtomicFiles.write(dir.resolve(CSV), (out) -> {
				try (CSVPrinter csv = new CSVPrinter(out,
						CSVFormat.DEFAULT.builder()
							.setRecordSeparator('\n')
							.setHeader(header.toArray(String[]::new))
							.get())) {
					for (Map.Entry<Key, Map<String, Double>> row : rows(values).entrySet()) {
						Key key = row.getKey();
						RunModel model = models.get(key.model());
						List<Object> record = new ArrayList<>(List.of(summary.run().id(), summary.run().dataset(),
								model.name(), model.version(), key.period(), key.segment().column(),
								key.segment().level(), key.rows(), key.verdict()));
						for (MetricId metric : metrics) {
							Double value = row.getValue().get(metric.key());
							record.add((value == null) ? "" : Formats.full(metric, value));
						}
						csv.printRecord(record);
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + CSV + " in " + dir, ex);
		}
	}

	/** The page's section: a segment x month table per bounded metric. */
	public static ReportSection section(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements,
			List<StoredSegmentValue> values) {
		ModelSummary model = summary.models()
			.stream()
			.filter((m) -> m.model().is(Role.CHAMPION))
			.findFirst()
			.orElse(summary.models().get(0));
		List<StoredSegmentValue> own = values.stream()
			.filter((value) -> value.modelVersionId() == model.model().id())
			.toList();
		TreeSet<String> periods = new TreeSet<>(
				(a, b) -> a.equals(ResultsStore.ALL) ? 1 : b.equals(ResultsStore.ALL) ? -1 : a.compareTo(b));
		own.forEach((value) -> periods.add(value.period()));
		List<String> header = new ArrayList<>(List.of("segment"));
		periods.forEach((period) -> header.add(period.equals(ResultsStore.ALL) ? "whole period" : period));
		List<ReportTable> tables = new ArrayList<>();
		for (MetricId metric : shownMetrics(dataset, requirements)) {
			Map<Segment, Map<String, StoredSegmentValue>> bySegment = new TreeMap<>();
			own.stream()
				.filter((value) -> value.metric().equals(metric.key()))
				.forEach((value) -> bySegment.computeIfAbsent(value.segment(), (s) -> new TreeMap<>())
					.put(value.period(), value));
			List<List<Cell>> rows = new ArrayList<>();
			bySegment.forEach((segment, byPeriod) -> {
				List<Cell> row = new ArrayList<>(List.of(Cell.of(segment.toString())));
				Bound bound = requirements.segmentBoundsFor(segment)
					.stream()
					.filter((b) -> b.metric().key().equals(metric.key()))
					.findFirst()
					.orElse(null);
				for (String period : periods) {
					row.add(cell(metric, byPeriod.get(period), bound));
				}
				rows.add(row);
			});
			tables.add(new ReportTable(metric.key() + " by segment",
					"model " + model.model().name() + "@" + model.model().version()
							+ "; in brackets: levels below segments.min-rows (" + dataset.segments().minRows()
							+ " labelled rows), not judged",
					header, rows, 40, ""));
		}
		return ReportSection.ofTables("segments", "Segments",
				"Each level of " + dataset.segments().columns().stream().map(Object::toString).toList()
						+ " judged on its own, every month and for the whole period (segments.csv has every metric).",
				tables);
	}

	private static Cell cell(MetricId metric, StoredSegmentValue value, Bound bound) {
		if (value == null || value.value() == null) {
			return Cell.of("–");
		}
		String text = Formats.brief(metric, value.value());
		if (Verdict.INSUFFICIENT_DATA.name().equals(value.verdict())) {
			return Cell.of("(" + text + ", " + value.rowCount() + " rows)");
		}
		return new Cell(text, bound != null && bound.breachedSide(value.value()).isPresent());
	}

	/** The metrics the segments are bounded on, else the task's headline metric. */
	private static List<MetricId> shownMetrics(DatasetConfig dataset, DatasetRequirements requirements) {
		List<MetricId> metrics = new ArrayList<>();
		for (SegmentBounds bounds : requirements.segments()) {
			bounds.bounds().forEach((bound) -> {
				if (!metrics.contains(bound.metric())) {
					metrics.add(bound.metric());
				}
			});
		}
		if (metrics.isEmpty()) {
			metrics.add(Metric.headline(dataset.task()));
		}
		return metrics;
	}

	/**
	 * Each stored row's figures by key (model, period, segment), in the store's order.
	 */
	private static Map<Key, Map<String, Double>> rows(List<StoredSegmentValue> values) {
		Map<Key, Map<String, Double>> rows = new LinkedHashMap<>();
		for (StoredSegmentValue value : values) {
			rows.computeIfAbsent(
					new Key(value.modelVersionId(), value.period(), value.segment(), value.rowCount(), value.verdict()),
					(k) -> new LinkedHashMap<>())
				.put(value.metric(), value.value());
		}
		return rows;
	}

	private record Key(long model, String period, Segment segment, long rows, String verdict) {
	}

}
