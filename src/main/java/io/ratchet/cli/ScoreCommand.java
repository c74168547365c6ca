package io.ratchet.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DataFileException;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.ReadStats;
import io.ratchet.data.Rejection;
import io.ratchet.data.Row;
import io.ratchet.model.LoggedModel;
import io.ratchet.model.LoggedScorer;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/score <dataset> <file.csv> [--models name@version,...] [--out file]}: every
 * row's score by every named model (default: the registry's champion and candidates), so
 * a user can check Ratchet's scoring against their own system row by row.
 * <ul>
 * <li>The file is read as the dataset's month files are ({@link MonthFileReader#toScore}:
 * the same validation, but the label and logged score columns may be absent), streaming:
 * one row at a time is held, so memory is bounded whatever the size of the file (a model
 * whose scores are logged holds one month of its prediction log).</li>
 * <li>Output, CSV (to stdout, or to {@code --out}, written aside and moved into place):
 * {@code line}, the dataset's id columns, then one column per model
 * ({@code name@version}), one row per data row in file order. A rejected row keeps its
 * line with empty cells, its cause goes to stderr and it is counted; a logged model's row
 * with no logged score has an empty cell too.</li>
 * <li>Progress on stderr every few seconds (rows, rows/s); the models' files are checked
 * against their SHA-256 and regression cases first, as every job does.</li>
 * </ul>
 */
@Component
class ScoreCommand implements Command<ScoreCommand.Arguments> {

	/** Rejected rows whose cause is printed; the rest are counted. */
	static final int SHOWN_REJECTIONS = 1000;

	private static final long PROGRESS_NANOS = 2_000_000_000L;

	private final Workspace workspace;

	private final ModelVersionStore modelVersions;

	ScoreCommand(Workspace workspace, ModelVersionStore modelVersions) {
		this.workspace = workspace;
		this.modelVersions = modelVersions;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		DatasetConfig dataset = this.workspace.dataset(Names.dataset(arguments.dataset()));
		Path file = Path.of(arguments.file());
		if (!Files.isRegularFile(file)) {
			throw new UsageException("no such file: " + file);
		}
		Path target = (arguments.out() != null) ? Path.of(arguments.out()) : null;
		if (target != null && Files.isDirectory(target)) {
			throw new UsageException("--out " + target + " is a folder; give a file");
		}
		List<ModelVersion> models = models(dataset, arguments.models());
		List<String> header = MonthFileReader.header(file);
		for (ModelVersion model : models) {
			if (model.definition() instanceof LoggedModel logged && logged.column() != null
					&& !header.contains(logged.column())) {
				throw new DataFileException(file, 1,
						"header lacks column " + logged.column() + ", which holds the logged" + " scores of "
								+ model.key() + "; header is: " + String.join(", ", header));
			}
		}
		Scoring scoring = new Scoring(dataset, file, models);
		try {
			if (target != null) {
				AtomicFiles.write(target, scoring::write);
			}
			else {
				Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
				scoring.write(writer);
				writer.flush();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		scoring.summary(target, out);
		return CommandLine.OK;
	}

	/**
	 * The models to score with, checked: of this dataset, their files pinned, their
	 * regression cases passing.
	 */
	private List<ModelVersion> models(DatasetConfig dataset, String option) {
		Set<String> keys = new LinkedHashSet<>();
		if (option != null) {
			Arrays.stream(option.split(",")).map(String::trim).filter((key) -> !key.isEmpty()).forEach(keys::add);
			if (keys.isEmpty()) {
				throw new UsageException("--models names no model");
			}
		}
		else {
			keys.addAll(this.workspace.registry().contenders(dataset.name()));
			if (keys.isEmpty()) {
				throw new UsageException("dataset " + dataset.name() + " has no champion or candidates in "
						+ this.workspace.registry().file() + "; name models with --models");
			}
		}
		Names.modelKeys(new ArrayList<>(keys));
		List<ModelVersion> models = new ArrayList<>();
		for (String key : keys) {
			ModelVersion model = this.workspace.models().get(key);
			if (!model.dataset().equals(dataset.name())) {
				throw new UsageException(model.key() + " scores dataset " + model.dataset() + ", not " + dataset.name()
						+ " (" + model.file() + ")");
			}
			if (models.stream().noneMatch((known) -> known.key().equals(model.key()))) {
				this.modelVersions.register(model);
				ModelCases.verify(model, dataset);
				models.add(model);
			}
		}
		return models;
	}

	/**
	 * One pass over the file: rows scored and written in file order, rejections reported
	 * and counted.
	 */
	private final class Scoring {

		private final DatasetConfig dataset;

		private final Path file;

		private final List<ModelVersion> models;

		private final Scorer[] scorers;

		private final long started = System.nanoTime();

		private long lastProgress = this.started;

		private long rows;

		private long rejected;

		private long unlogged;

		private ReadStats stats;

		Scoring(DatasetConfig dataset, Path file, List<ModelVersion> models) {
			this.dataset = dataset;
			this.file = file;
			this.models = models;
			this.scorers = new Scorer[models.size()];
			Path datasetDir = ScoreCommand.this.workspace.datasetDir(dataset.name());
			for (int i = 0; i < this.scorers.length; i++) {
				this.scorers[i] = models.get(i).bind(dataset, datasetDir);
			}
		}

		void write(Writer writer) throws IOException {
			List<String> header = new ArrayList<>(List.of("line"));
			header.addAll(this.dataset.idColumns());
			this.models.forEach((model) -> header.add(model.key()));
			CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
			csv.printRecord(header);
			Object[] cells = new Object[header.size()];
			int idCount = this.dataset.idColumns().size();
			try {
				this.stats = MonthFileReader.toScore(this.dataset).read(this.file, null, (row) -> {
					cells[0] = row.line();
					System.arraycopy(row.ids(), 0, cells, 1, idCount);
					for (int i = 0; i < this.scorers.length; i++) {
						cells[1 + idCount + i] = cell(i, row);
					}
					print(csv, cells);
				}, (rejection) -> {
					Arrays.fill(cells, "");
					cells[0] = rejection.line();
					print(csv, cells);
					reject(rejection);
				});
			}
			catch (UncheckedIOException ex) {
				throw ex.getCause();
			}
			csv.flush();
		}

		private String cell(int model, Row row) {
			double score = this.scorers[model].score(row);
			if (Double.isNaN(score) && this.scorers[model] instanceof LoggedScorer) {
				this.unlogged++;
				return "";
			}
			return Double.toString(score);
		}

		private void print(CSVPrinter csv, Object[] cells) {
			try {
				csv.printRecord(cells);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.rows++;
			if ((this.rows & 0xFFFF) == 0) {
				long now = System.nanoTime();
				if (now - this.lastProgress >= PROGRESS_NANOS) {
					this.lastProgress = now;
					System.err.printf(Locale.ROOT, "score: %,d rows (%,.0f rows/s)%n", this.rows,
							this.rows / ((now - this.started) / 1e9));
				}
			}
		}

		private void reject(Rejection rejection) {
			this.rejected++;
			if (this.rejected <= SHOWN_REJECTIONS) {
				System.err.println("rejected: " + rejection.describe());
			}
		}

		void summary(Path target, PrintStream out) {
			double seconds = Math.max(1e-3, (System.nanoTime() - this.started) / 1e9);
			if (this.rejected > SHOWN_REJECTIONS) {
				System.err.printf(Locale.ROOT, "rejected: … %,d more rows (not shown)%n",
						this.rejected - SHOWN_REJECTIONS);
			}
			String logged = (this.unlogged > 0) ? String.format(Locale.ROOT,
					"; %,d cells of logged models empty (no" + " logged score)", this.unlogged) : "";
			String causes = (this.stats.rejected() > 0) ? " (empty score cells; line and cause above)" : "";
			System.err.printf(Locale.ROOT,
					"score: %,d rows of %s with %d model%s in %.1f s (%,.0f rows/s): %,d"
							+ " scored, %,d rejected%s%s%n",
					this.stats.rows(), this.file, this.models.size(), (this.models.size() == 1) ? "" : "s", seconds,
					this.stats.rows() / seconds, this.stats.accepted(), this.stats.rejected(), causes, logged);
			if (target != null) {
				out.println("Wrote " + target + ": " + this.stats.rows() + " rows, " + this.models.size() + " model"
						+ ((this.models.size() == 1) ? "" : "s") + ", " + this.stats.rejected() + " rejected");
			}
		}

	}

	/** {@code jobs/score}'s arguments. */
	@picocli.CommandLine.Command(name = "score",
			description = "Scores a CSV file row by row with the dataset's models and writes the scores as CSV.")
	interface Arguments {

		@Parameters(index = "0", paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Parameters(index = "1", paramLabel = "FILE.csv", description = "the rows to score")
		String file();

		@Option(names = "--models", paramLabel = "NAME@VERSION,...",
				description = "the models (default: the registry's champion and candidates)")
		String models();

		@Option(names = "--out", paramLabel = "FILE", description = "write the scores here (default: the console)")
		String out();

	}

}
