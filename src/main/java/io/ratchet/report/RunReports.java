package io.ratchet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Metric;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Component;

/**
 * Writes a run's report folder: {@code metrics.csv} (one row per model and period, every metric a column) and
 * {@code summary.html}. Files are written aside and moved into place, so a reader never sees half a report.
 */
@Component
public class RunReports {

	public void write(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, Path dir) {
		write(summary, dataset, requirements, dir, List.of());
	}

	/** As {@link #write(RunSummary, DatasetConfig, DatasetRequirements, Path)}, with the job's own tables. */
	public void write(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, Path dir,
			List<ReportTable> tables) {
		try {
			Files.createDirectories(dir);
			writeAtomically(dir.resolve("metrics.csv"), (out) -> writeCsv(summary, dataset, out));
			writeAtomically(dir.resolve("summary.html"),
					(out) -> out.write(new SummaryHtml(summary, dataset, requirements, tables).render()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report in " + dir, ex);
		}
	}

	private void writeCsv(RunSummary summary, DatasetConfig dataset, Writer out) throws IOException {
		List<Metric> metrics = Metric.forTask(dataset.task());
		List<String> header = new ArrayList<>(List.of("run", "dataset", "model", "version", "role", "sha256",
				"period", "verdict"));
		metrics.forEach((metric) -> header.add(metric.key()));
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).get())) {
			for (ModelSummary model : summary.models()) {
				for (Map.Entry<String, Map<Metric, Double>> month : model.monthly().entrySet()) {
					csv.printRecord(row(summary, model, month.getKey(), month.getValue(), metrics));
				}
				csv.printRecord(row(summary, model, ResultsStore.ALL, model.wholePeriod(), metrics));
			}
		}
	}

	private List<Object> row(RunSummary summary, ModelSummary model, String period, Map<Metric, Double> values,
			List<Metric> metrics) {
		List<Object> row = new ArrayList<>(List.of(summary.run().id(), summary.run().dataset(), model.model().name(),
				model.model().version(), model.model().role(), model.model().sha256(), period,
				model.verdicts().getOrDefault(period, "")));
		for (Metric metric : metrics) {
			Double value = values.get(metric);
			row.add((value == null) ? "" : Formats.full(metric, value));
		}
		return row;
	}

	private static void writeAtomically(Path target, Content content) throws IOException {
		Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
		try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
			content.write(out);
		}
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@FunctionalInterface
	private interface Content {

		void write(Writer out) throws IOException;

	}

}
