package io.ratchet.nowtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The now-test's surprising rows on H2, checked against a direct computation over the toy
 * window: each model's score computed here from its coefficients, the loss of every
 * judged row, the score range and the colours of the reference months, ranked here.
 */
@SpringBootTest
@SpringBatchTest
@ActiveProfiles("test")
class SurprisingRowsJobTests {

	@TempDir
	static Path root;

	static ToyWorkspace toy;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		toy = new ToyWorkspace(root);
		registry.add("ratchet.paths.config", () -> toy.config().toString());
		registry.add("ratchet.paths.data", () -> root.resolve("historical-data").toString());
		registry.add("ratchet.paths.reports", () -> toy.reports().toString());
		registry.add("ratchet.nowtest.drift.reference", () -> "last-months");
		registry.add("ratchet.nowtest.drift.months", () -> "2");
	}

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	Job nowtest;

	@Autowired
	SurprisingRowStore store;

	/** The models' coefficients: x, red, blue (an unknown colour weighs 0). */
	private static final Map<String, double[]> MODELS = Map.of("toy-logit@1", new double[] { 2.0, 0.1, -0.1 },
			"toy-flat@1", new double[] { 0.01, 0, 0 });

	@BeforeEach
	void setUp() {
		FileSystemUtils.deleteRecursively(root.resolve("historical-data").toFile());
		toy.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 5\n  monthly:\n    roc_auc: {min: 0.5}\n");
		this.jobOperatorTestUtils.setJob(this.nowtest);
		this.jobRepositoryTestUtils.removeJobExecutions();
	}

	/**
	 * {@code @SpringBatchTest} looks for a method returning a JobExecution to set up step
	 * scope; give it one.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	@Test
	void theWindowsMostSurprisingRowsAreStoredRankedAndReported() throws Exception {
		// given: January and February as the reference (red and blue only); March's rows
		// from the 3rd to the 17th, five a day, and a few odd ones: x far above anything
		// seen, colours never seen (one awaiting its label, one outside the window), a
		// missing colour (not unseen)
		toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
		Map<LocalDate, Integer> days = new TreeMap<>();
		for (int day = 3; day <= 17; day++) {
			days.put(LocalDate.of(2024, 3, day), 5);
		}
		String odd = """
				s-1,2024-03-10,9.5,red,0
				s-2,2024-03-12,0.3,green,1
				s-3,2024-03-14,-0.2,purple,1
				s-4,2024-03-16,0.1,green,0
				s-5,2024-03-11,0.5,NA,1
				s-6,2024-03-09,-11.25,blue,1
				""";
		toy.write(toy.data("toy").resolve("2024-03.csv"), ToyWorkspace.HEADER + toy.rows(days, 0, "m") + odd);

		// when: window 2024-03-06..15, judged up to the 13th
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(new NowtestParameters("toy", LocalDate.of(2024, 3, 15), 10, 2).toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		List<SurprisingRowStore.StoredSurprise> stored = this.store.of(runId);
		List<Expected> expected = expected();
		assertThat(stored).hasSameSizeAs(expected);
		for (String model : MODELS.keySet()) {
			for (SurpriseKind kind : SurpriseKind.values()) {
				List<SurprisingRowStore.StoredSurprise> got = stored.stream()
					.filter((s) -> s.model().equals(model) && s.row().kind() == kind)
					.toList();
				List<Expected> want = expected.stream().filter((e) -> e.model.equals(model) && e.kind == kind).toList();
				assertThat(got).as(model + " " + kind).hasSameSizeAs(want);
				for (int i = 0; i < want.size(); i++) {
					Surprise row = got.get(i).row();
					assertThat(got.get(i).rank()).isEqualTo(i + 1);
					assertThat(row.line()).as(model + " " + kind + " rank " + (i + 1)).isEqualTo(want.get(i).line);
					assertThat(row.measure()).isCloseTo(want.get(i).measure, within(1e-9));
					assertThat(row.key()).isEqualTo("id=" + want.get(i).id);
					assertThat(row.file()).endsWith("2024-03.csv");
				}
			}
		}
		// the odd rows are where they must be
		assertThat(lines(stored, "toy-logit@1", SurpriseKind.UNSEEN)).containsExactly(line("s-2"), line("s-3"));
		assertThat(lines(stored, "toy-logit@1", SurpriseKind.RANGE).subList(0, 2))
			.containsExactlyInAnyOrder(line("s-6"), line("s-1"));
		assertThat(lines(stored, "toy-logit@1", SurpriseKind.LOSS)).hasSize(SurprisingRows.LIMIT);
		assertThat(lines(stored, "toy-logit@1", SurpriseKind.LOSS).subList(0, 2)).containsExactlyInAnyOrder(line("s-6"),
				line("s-1"));
		// and the report shows a table per kind, the CSV every row
		Path dir = toy.reports().resolve("nowtest").resolve(Long.toString(runId));
		org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(Files.readString(dir.resolve("index.html")));
		assertThat(html.select("h2").eachText()).contains("Surprising rows");
		assertThat(html.text()).contains("largest loss", "score outside the reference's range",
				"levels unseen in the reference", "colour=purple");
		assertThat(Files.readAllLines(dir.resolve(SurpriseTable.CSV))).hasSize(stored.size() + 1);
	}

	/** One row of the direct computation. */
	private record Expected(String model, SurpriseKind kind, long line, String id, double measure) {
	}

	/** The surprising rows computed here from the month files, ranked. */
	private static List<Expected> expected() throws Exception {
		List<String[]> reference = new ArrayList<>();
		reference.addAll(rows("2024-01.csv"));
		reference.addAll(rows("2024-02.csv"));
		List<String[]> march = rows("2024-03.csv");
		Set<String> colours = new HashSet<>();
		reference.forEach((cells) -> colours.add(cells[4]));
		List<Expected> expected = new ArrayList<>();
		for (String model : MODELS.keySet()) {
			double min = reference.stream().mapToDouble((cells) -> score(model, cells)).min().orElseThrow();
			double max = reference.stream().mapToDouble((cells) -> score(model, cells)).max().orElseThrow();
			List<Expected> loss = new ArrayList<>();
			List<Expected> range = new ArrayList<>();
			List<Expected> unseen = new ArrayList<>();
			for (String[] cells : march) {
				LocalDate day = LocalDate.parse(cells[2]);
				if (day.isBefore(LocalDate.of(2024, 3, 6)) || day.isAfter(LocalDate.of(2024, 3, 15))) {
					continue;
				}
				long line = Long.parseLong(cells[0]);
				double p = score(model, cells);
				if (!day.isAfter(LocalDate.of(2024, 3, 13))) {
					double l = cells[5].equals("1") ? -Math.log(p) : -Math.log(1 - p);
					loss.add(new Expected(model, SurpriseKind.LOSS, line, cells[1], l));
				}
				if (p > max || p < min) {
					double outside = (p > max) ? p - max : min - p;
					range.add(new Expected(model, SurpriseKind.RANGE, line, cells[1], outside / (max - min)));
				}
				if (!cells[4].equals("NA") && !colours.contains(cells[4])) {
					unseen.add(new Expected(model, SurpriseKind.UNSEEN, line, cells[1], 1));
				}
			}
			for (List<Expected> kind : List.of(loss, range, unseen)) {
				kind.sort(Comparator.comparingDouble(Expected::measure).reversed().thenComparingLong(Expected::line));
				expected.addAll(kind.subList(0, Math.min(SurprisingRows.LIMIT, kind.size())));
			}
		}
		return expected;
	}

	/** A toy model's probability, from its coefficients. */
	private static double score(String model, String[] cells) {
		double[] w = MODELS.get(model);
		double colour = switch (cells[4]) {
			case "red" -> w[1];
			case "blue" -> w[2];
			default -> 0;
		};
		return 1 / (1 + Math.exp(-(w[0] * Double.parseDouble(cells[3]) + colour)));
	}

	/** A month file's rows: line, then the cells (id, day, x, colour, outcome). */
	private static List<String[]> rows(String file) throws Exception {
		List<String> lines = Files.readAllLines(toy.data("toy").resolve(file));
		List<String[]> rows = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String[] cells = lines.get(i).split(",");
			String[] row = new String[cells.length + 1];
			row[0] = Integer.toString(i + 1);
			System.arraycopy(cells, 0, row, 1, cells.length);
			rows.add(row);
		}
		return rows;
	}

	private static long line(String id) {
		try {
			return rows("2024-03.csv").stream()
				.filter((cells) -> cells[1].equals(id))
				.mapToLong((cells) -> Long.parseLong(cells[0]))
				.findFirst()
				.orElseThrow();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Long> lines(List<SurprisingRowStore.StoredSurprise> stored, String model, SurpriseKind kind) {
		return stored.stream()
			.filter((s) -> s.model().equals(model) && s.row().kind() == kind)
			.map((s) -> s.row().line())
			.toList();
	}

}
