package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a run stored, read back table by table as sorted text lines without the run id, so
 * that two runs of the same data (grouped and single months, split and whole months,
 * failed and restarted) can be compared row for row.
 */
final class StoredRows {

	/** The column expression that names a row's model as {@code name@version}. */
	static final String MODEL = "(SELECT name || '@' || version FROM model_version m WHERE m.id = t.model_version_id)";

	private final JdbcClient jdbc;

	StoredRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The given columns of a run's rows of one table as sorted lines, fields joined by
	 * {@code " | "}, binary states as hex.
	 */
	List<String> lines(long runId, String table, String columns) {
		String key = "run".equals(table) ? "id" : "run_id";
		return this.jdbc.sql("SELECT " + columns + " FROM " + table + " t WHERE t." + key + " = ?")
			.param(runId)
			.query((rs, i) -> {
				List<String> line = new ArrayList<>();
				for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
					Object value = rs.getObject(c);
					line.add((value instanceof byte[] bytes) ? HexFormat.of().formatHex(bytes) : String.valueOf(value));
				}
				return String.join(" | ", line);
			})
			.list()
			.stream()
			.sorted()
			.toList();
	}

	/**
	 * The same tables with the same lines, fields that are decimals to a relative 1e-12.
	 */
	static void assertSameFigures(Map<String, List<String>> actual, Map<String, List<String>> expected) {
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((table, lines) -> assertSameLines(actual.get(table), lines));
	}

	/** The same lines, fields that are decimals to a relative 1e-12. */
	static void assertSameLines(List<String> actual, List<String> expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			String[] a = actual.get(i).split("[|,]", -1);
			String[] e = expected.get(i).split("[|,]", -1);
			assertThat(a).as(actual.get(i)).hasSameSizeAs(e);
			for (int f = 0; f < e.length; f++) {
				String want = e[f].strip();
				String got = a[f].strip();
				if (want.contains(".") && isNumber(want) && isNumber(got)) {
					double w = Double.parseDouble(want);
					assertThat(Double.parseDouble(got)).as(expected.get(i))
						.isCloseTo(w, within(1e-12 * Math.max(1, Math.abs(w))));
				}
				else {
					assertThat(got).as(expected.get(i) + " against " + actual.get(i)).isEqualTo(want);
				}
			}
		}
	}

	/** The run's {@code metrics.csv} without its first column (the run id). */
	static List<String> metricsCsv(Path reports, JobExecution execution) throws IOException {
		Path csv = reports.resolve("backtest").resolve(Long.toString(runId(execution))).resolve("metrics.csv");
		return Files.readAllLines(csv).stream().map((line) -> line.substring(line.indexOf(',') + 1)).toList();
	}

	/** The run's id: its job instance's. */
	static long runId(JobExecution execution) {
		return execution.getJobInstance().getInstanceId();
	}

	/** The run's month steps (the partitions). */
	static List<StepExecution> workers(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith("backtestMonth:"))
			.toList();
	}

	/** The rows the month steps wrote. */
	static long rows(List<StepExecution> workers) {
		return workers.stream().mapToLong(StepExecution::getWriteCount).sum();
	}

	private static boolean isNumber(String text) {
		try {
			Double.parseDouble(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
