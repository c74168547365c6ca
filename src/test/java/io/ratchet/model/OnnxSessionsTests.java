package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.ratchet.data.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * ONNX Runtime sessions: one per file content, shared by every scorer bound to it, safe
 * to run from several threads, closed once no scorer has held it for the idle time, and
 * running on the caller's thread (no pool of its own).
 */
class OnnxSessionsTests {

	@TempDir
	Path dir;

	private OnnxScorer bind(OnnxSessions sessions, ModelVersion version) {
		return OnnxScorer.bind(sessions, version, (OnnxModel) version.definition(), Fixtures.churn()::featureIndex);
	}

	@Test
	void scorersOfTheSameFileShareOneSessionClosedOnceIdle() {
		// given: two versions whose ONNX files have the same content
		OnnxSessions sessions = new OnnxSessions(Duration.ofMillis(200));
		ModelVersion first = OnnxFixtures.churn(this.dir, "1");
		ModelVersion second = OnnxFixtures.churn(this.dir, "2");

		// when
		OnnxScorer a = bind(sessions, first);
		OnnxScorer b = bind(sessions, second);

		// then
		assertThat(sessions.open()).isEqualTo(1);
		a.close();
		a.close(); // twice is once
		double score = b.score(Fixtures.row(20, "pro"));
		assertThat(score).isBetween(0.0, 1.0);
		assertThat(sessions.open()).isEqualTo(1);
		b.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> sessions.open() == 0);

		// and a later binding makes it again
		try (OnnxScorer again = bind(sessions, first)) {
			assertThat(again.score(Fixtures.row(20, "pro"))).isEqualTo(score);
			assertThat(sessions.open()).isEqualTo(1);
		}
	}

	@Test
	void aSessionHeldByAScorerIsNeverClosed() {
		// given: no idle time at all
		OnnxSessions sessions = new OnnxSessions(Duration.ZERO);
		ModelVersion version = OnnxFixtures.churn(this.dir, "1");

		// when
		try (OnnxScorer held = bind(sessions, version)) {
			sessions.closeIdle();

			// then
			assertThat(sessions.open()).isEqualTo(1);
			assertThat(held.score(Fixtures.row(1, "basic"))).isBetween(0.0, 1.0);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> sessions.open() == 0);
	}

	@Test
	void oneSessionScoresFromSeveralThreadsAtOnceAsFromOne() throws Exception {
		// given
		ModelVersion version = OnnxFixtures.churn(this.dir, "1");
		List<Row> rows = OnnxScorerTests.churnRows(20_000, 9);
		double[] alone = new double[rows.size()];
		try (Scorer scorer = version.bind(Fixtures.churn())) {
			scorer.scoreBatch(rows, alone);

			// when: four threads score blocks of the same rows with the same scorer
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<double[]>> results = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					results.add(pool.submit(() -> {
						double[] scores = new double[rows.size()];
						BlockScorer blocks = new BlockScorer(new Scorer[] { scorer }, new BlockScorer.Sink() {
							int next;

							@Override
							public void accept(Row row, double[] s) {
								scores[this.next++] = s[0];
							}
						});
						rows.forEach(blocks::add);
						blocks.flush();
						return scores;
					}));
				}

				// then
				for (Future<double[]> result : results) {
					assertThat(result.get()).containsExactly(alone);
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void onnxRuntimeRunsOnTheCallersThreadAndStartsNoThreadsOfItsOwn() throws IOException {
		// given (Linux: /proc/self/task lists every thread of the process, native ones
		// included)
		assumeThat(Path.of("/proc/self/task")).isDirectory();
		OnnxSessions sessions = new OnnxSessions(Duration.ofMinutes(1));
		ModelVersion version = OnnxFixtures.churn(this.dir, "1");
		List<Row> rows = OnnxScorerTests.churnRows(50_000, 3);
		double[] scores = new double[rows.size()];
		// the environment's own set-up, before counting
		OnnxSessions.environment(version.file());
		long before = threads();

		// when
		try (OnnxScorer scorer = bind(sessions, version)) {
			scorer.scoreBatch(rows, scores);

			// then
			assertThat(threads()).isLessThanOrEqualTo(before);
		}
	}

	/**
	 * The threads of this process, the JIT's compiler threads (started and stopped as it
	 * pleases) left out.
	 */
	private static long threads() throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.filter((task) -> {
				try {
					return !Files.readString(task.resolve("comm")).startsWith("C2 CompilerThre")
							&& !Files.readString(task.resolve("comm")).startsWith("C1 CompilerThre");
				}
				catch (IOException ex) {
					return false; // the thread ended meanwhile
				}
			}).count();
		}
	}

}
