package io.ratchet.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.test.MailServers;
import io.ratchet.bench.CorpusGenerator;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import jakarta.mail.internet.MimeMessage;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault-injection suite: each fault is injected into real Ratchet processes
 * ({@code java -jar target/ratchet.jar}, as {@code jobs/ratchet} runs it) on a fresh
 * database, and what was stored afterwards is compared by SQL with an uninterrupted run.
 * Each test adds its row to the {@link FaultTable}, written when the class ends.
 *
 * <p>
 * Settings (environment): {@code RATCHET_FAULT_TRIALS} kill -9 trials (default 2: the CI
 * series), {@code RATCHET_FAULT_ALERT_TRIALS} kills around the now-test's alert step
 * (default 10 on H2 and 5 on PostgreSQL; CI sets 4, whose seeded points include both
 * kinds: after an alert was queued, and while scoring), {@code RATCHET_FAULT_SEED} the
 * seed of the kill points (default 20261126). {@code jobs/dev/fault-suite} runs the full
 * series.
 *
 * <p>
 * The H2 and the PostgreSQL suites share nothing (each its own folders, databases, free
 * ports and tmpfs mounts), so failsafe runs the two classes at the same time, beside the
 * other integration tests ({@code junit.jupiter.execution.parallel} in {@code pom.xml});
 * within a class the faults run one after the other, in order ({@code SAME_THREAD}).
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultSuite {

	static final Duration RUN = Duration.ofMinutes(4);

	static final String DATASET = CorpusGenerator.DATASET;

	static final int MONTHS = CorpusGenerator.MONTHS;

	/**
	 * 5,000 rows a month: a run of a few seconds, long enough to be killed between any
	 * two months.
	 */
	static final long ROWS = 120_000;

	static final long PER_MONTH = ROWS / MONTHS;

	Path root;

	Path corpus;

	StoredResults reference;

	FaultTable table;

	/** {@code h2} or {@code postgresql}. */
	abstract String vendor();

	@BeforeAll
	void corpusAndReference(@TempDir Path root) throws IOException {
		this.root = root;
		assertThat(RatchetProcess.JAR).as("the application jar (mvn package)").exists();
		this.table = new FaultTable(vendor());
		this.corpus = this.root.resolve("corpus");
		new CorpusGenerator(7).write(this.corpus, ROWS);
		FaultDatabase db = database();
		int code = run(db, "reference", List.of("backtest", "--dataset=" + DATASET));
		assertThat(code).isZero();
		this.reference = StoredResults.read(db.client());
		assertThat(this.reference.runs()).isEqualTo(1);
	}

	@AfterAll
	void writeTable() {
		this.table.write();
	}

	// ----------------------------------------------------------------------------------------------
	// kill -9

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(1)
	void killedBacktestsRestartToTheSameResults() {
		int trials = Integer.parseInt(System.getenv().getOrDefault("RATCHET_FAULT_TRIALS", "2"));
		long seed = Long.parseLong(System.getenv().getOrDefault("RATCHET_FAULT_SEED", "20261126"));
		int duringStartUp = 0;
		int finishedFirst = 0;
		long lost = 0;
		long extra = 0;
		List<String> points = new ArrayList<>();
		for (int trial = 0; trial < trials; trial++) {
			// given: a seeded kill point, "after k months" (k = -1: during start-up) plus
			// a random delay
			Random random = new Random(seed + trial);
			int point = random.nextInt(MONTHS + 1) - 1;
			int delay = (point < 0) ? 1000 + random.nextInt(6000) : random.nextInt(300);
			FaultDatabase db = database();
			RatchetProcess process = start(db, "kill-" + trial, List.of("backtest", "--dataset=" + DATASET), Map.of());
			// when: kill -9 at that point
			if (point >= 0) {
				String mark = (point == 0) ? "backtest run " : " " + point + "/" + MONTHS + " months done";
				process.awaitLine((line) -> line.contains(mark), RUN);
			}
			pause(delay);
			boolean killed = process.alive();
			process.kill();
			points.add((point < 0) ? "start+" + delay + "ms" : point + "m+" + delay + "ms");
			// then: restart (or start again when the run never got an id) completes with
			// the reference's rows
			Long run = lastRun(db);
			if (run == null) {
				duringStartUp++;
				assertThat(run(db, "kill-" + trial, List.of("backtest", "--dataset=" + DATASET))).isZero();
			}
			else {
				assertThat(run(db, "kill-" + trial, List.of("restart", Long.toString(run)))).isZero();
			}
			if (!killed) {
				finishedFirst++;
			}
			StoredResults after = StoredResults.read(db.client());
			assertThat(after.runs()).isEqualTo(1);
			lost += after.missingFrom(this.reference);
			extra += after.extraTo(this.reference);
			assertThat(after.tables()).isEqualTo(this.reference.tables());
		}
		this.table.add(
				"kill -9 of a back-test at a seeded random point, then `restart <run>` (seed " + seed + "; points "
						+ String.join(", ", points) + ")",
				trials,
				"all restarted to results identical to an uninterrupted run (" + duringStartUp
						+ " killed before the run existed, started again; " + finishedFirst
						+ " had finished before the kill)",
				lost, extra);
	}

	// ------------------------------------------------------------------------------------
	// connection lost

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(2)
	void databaseConnectionLostMidRun() throws Exception {
		String how;
		int code;
		FaultDatabase db;
		if ("postgresql".equals(vendor())) {
			// given
			db = FaultDatabase.postgres();
			RatchetProcess process = start(db, "dblost", List.of("backtest", "--dataset=" + DATASET), Map.of());
			process.awaitLine((line) -> line.contains(" 3/" + MONTHS + " months done"), RUN);
			// when: every backend of the process is terminated, twice
			JdbcClient admin = FaultDatabase.postgres().client();
			for (int i = 0; i < 2; i++) {
				admin.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
					.param(db.schema())
					.query(Boolean.class)
					.list();
				pause(300);
			}
			code = process.waitFor(RUN);
			how = "pg_terminate_backend of every connection of the run (twice, 300 ms apart) after 3 months";
		}
		else {
			// given: the database served over TCP by this JVM, as H2's AUTO_SERVER does
			// from the first process
			int port = freePort();
			Path dir = this.root.resolve("h2tcp-" + FaultDatabase.shortId());
			Files.createDirectories(dir);
			Server server = h2Server(port, dir);
			db = FaultDatabase.h2Tcp(port, "ratchet");
			RatchetProcess process = start(db, "dblost", List.of("backtest", "--dataset=" + DATASET), Map.of());
			process.awaitLine((line) -> line.contains(" 3/" + MONTHS + " months done"), RUN);
			// when: the server goes away for 2 s (as when the process hosting AUTO_SERVER
			// ends), then comes back
			server.stop();
			pause(2000);
			server = h2Server(port, dir);
			try {
				code = process.waitFor(RUN);
			}
			finally {
				server.stop();
				server = h2Server(port, dir);
			}
			how = "the H2 TCP server stopped after 3 months, back 2 s later (what a run sees when the process hosting "
					+ "H2's AUTO_SERVER ends)";
			try {
				code = finishAndCompare(db, code, how);
			}
			finally {
				server.stop();
			}
			return;
		}
		finishAndCompare(db, code, how);
	}

	private int finishAndCompare(FaultDatabase db, int code, String how) {
		// then: the run failed cleanly (exit 1) or survived (exit 0); a restart completes
		assertThat(code).isIn(0, 1);
		String outcome;
		if (code == 0) {
			outcome = "the run survived (the pool reconnected)";
		}
		else {
			Long run = lastRun(db);
			assertThat(run).isNotNull();
			assertThat(run(db, "dblost", List.of("restart", Long.toString(run)))).isZero();
			outcome = "the run failed cleanly (exit 1); `restart` completed";
		}
		StoredResults after = StoredResults.read(db.client());
		assertThat(after.runs()).isEqualTo(1);
		assertThat(after.tables()).isEqualTo(this.reference.tables());
		this.table.add("database connection lost mid-run: " + how, 1, outcome + "; results identical",
				after.missingFrom(this.reference), after.extraTo(this.reference));
		return code;
	}

	// ------------------------------------------------------------------------------------------
	// disk full

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(3)
	void diskFullWhileWritingTheReport() throws Exception {
		FaultDatabase db = database();
		Path reports = this.root.resolve("full-reports-" + FaultDatabase.shortId());
		try (SmallDisk disk = SmallDisk.mount(reports, 1024 * 1024)) {
			// given: 48 KiB left, less than the report needs
			disk.fillLeaving(48 * 1024);
			List<String> args = new ArrayList<>(List.of("backtest", "--dataset=" + DATASET, "--to=2024-03"));
			RatchetProcess process = start(db, reports, "full-report", args, disk.environment(), disk.prefix());
			// when
			int code = process.waitFor(RUN);
			// then: a clear failure naming the file; no half-written file left as if
			// complete
			assertThat(code).as(process.output()).isEqualTo(1);
			assertThat(process.output()).contains("No space left on device").containsPattern("report .*" + "backtest");
			Path dir = reports.resolve("backtest/1");
			assertThat(leftovers(reports)).isEmpty();
			assertThat(dir.resolve("index.html")).doesNotExist();
			// when: space comes back, the run is restarted
			disk.free();
			assertThat(run(db, reports, "full-report", List.of("restart", lastRun(db).toString()))).isZero();
			// then
			assertThat(Files.readString(dir.resolve("index.html"))).contains("</html>");
			assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 4 * 4);
			StoredResults after = StoredResults.read(db.client());
			StoredResults expected = this.reference.months("2024-01", "2024-02", "2024-03");
			StoredResults stored = after.months("2024-01", "2024-02", "2024-03");
			assertThat(stored.tables()).isEqualTo(expected.tables());
			this.table.add("disk full while writing the report (" + disk.how() + ")", 1,
					"run failed (exit 1) naming the file, no partial file left; `restart` after space returned wrote "
							+ "the whole report; monthly results identical",
					stored.missingFrom(expected), stored.extraTo(expected));
		}
	}

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(4)
	void diskFullWhileWritingMonthFiles() throws Exception {
		FaultDatabase db = database();
		Path data = this.root.resolve("full-data-" + FaultDatabase.shortId());
		Path source = this.root.resolve("import-" + FaultDatabase.shortId() + ".csv");
		List<String> first = Files.readAllLines(this.corpus.resolve("data/bench/2024-01.csv"));
		List<String> second = Files.readAllLines(this.corpus.resolve("data/bench/2024-02.csv"));
		List<String> all = new ArrayList<>(first);
		all.addAll(second.subList(1, second.size()));
		Files.write(source, all);
		try (SmallDisk disk = SmallDisk.mount(data, 4 * 1024 * 1024)) {
			// given: 256 KiB left, less than one month file
			disk.fillLeaving(256 * 1024);
			List<String> args = List.of("import", DATASET, source.toString(), "--ratchet.paths.data=" + data);
			RatchetProcess process = start(db, this.root.resolve("r-import"), "full-data", args, disk.environment(),
					disk.prefix());
			int code = process.waitFor(RUN);
			// then
			assertThat(code).as(process.output()).isEqualTo(1);
			assertThat(process.output()).contains("No space left on device").contains(data.toString());
			assertThat(leftovers(data)).isEmpty();
			assertThat(monthFiles(data)).isEmpty();
			// when: space comes back, the same file is imported again
			disk.free();
			RatchetProcess again = start(db, this.root.resolve("r-import"), "full-data", args, Map.of(), List.of());
			assertThat(again.waitFor(RUN)).as(again.output()).isZero();
			// then: every row exactly once
			long rows = 0;
			for (Path file : monthFiles(data)) {
				rows += Files.readAllLines(file).size() - 1;
			}
			long expected = all.size() - 1;
			long batches = db.client().sql("SELECT COUNT(*) FROM import_batch").query(Long.class).single();
			assertThat(rows).isEqualTo(expected);
			assertThat(batches).isEqualTo(1);
			this.table.add("disk full while writing month files (`import`, " + disk.how() + ")", 1,
					"import failed (exit 1) naming the file, no month file or temporary file left; importing again "
							+ "after space returned stored every row once",
					Math.max(0, expected - rows), Math.max(0, rows - expected));
		}
	}

	// -----------------------------------------------------------------------------------------
	// SMTP down

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(5)
	void smtpDownThenBackDeliversEveryAlertOnce() throws Exception {
		// given: the demo (its champion breaches) and an SMTP port where nothing listens
		Path demo = this.root.resolve("demo-" + FaultDatabase.shortId());
		DemoGenerator.generate(demo, YearMonth.of(2026, 10), 42);
		FaultDatabase db = database();
		int port = freePort();
		Map<String, String> mail = Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(port),
				"RATCHET_ALERTS_RECIPIENTS_CHURN", "ml-team@example.com");
		List<String> paths = List.of("--ratchet.paths.config=" + demo.resolve("config"),
				"--ratchet.paths.data=" + demo.resolve("historical-data"));
		// when: a back-test while the server is down
		for (String to : List.of("2026-10")) {
			List<String> args = new ArrayList<>(List.of("backtest", "--dataset=churn", "--to=" + to));
			args.addAll(paths);
			RatchetProcess process = start(db, demo.resolve("reports"), "smtp", args, mail, List.of());
			assertThat(process.waitFor(RUN)).as(process.output()).isEqualTo(3);
		}
		JdbcClient jdbc = db.client();
		long queued = jdbc.sql("SELECT COUNT(*) FROM alert_outbox").query(Long.class).single();
		long pending = jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE status = 'PENDING'")
			.query(Long.class)
			.single();
		assertThat(queued).isPositive();
		assertThat(pending).isEqualTo(queued);
		// when: the server comes back; alerts are delivered, and delivered again (nothing
		// left to send)
		GreenMail greenMail = new GreenMail(MailServers.onPort(port, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		try {
			for (int i = 0; i < 2; i++) {
				List<String> args = new ArrayList<>(List.of("alerts", "--deliver"));
				args.addAll(paths);
				RatchetProcess process = start(db, demo.resolve("reports"), "smtp", args, mail, List.of());
				assertThat(process.waitFor(RUN)).as(process.output()).isZero();
			}
			// then: each alert exactly once, by Message-ID
			Map<String, Integer> received = new HashMap<>();
			for (MimeMessage message : greenMail.getReceivedMessages()) {
				received.merge(message.getMessageID(), 1, Integer::sum);
			}
			List<String> ids = jdbc.sql("SELECT message_id FROM alert_outbox WHERE status = 'SENT'")
				.query(String.class)
				.list();
			assertThat(ids).hasSize((int) queued);
			long lost = ids.stream().filter((id) -> !received.containsKey(id)).count();
			long duplicates = received.values().stream().mapToLong((n) -> n - 1).sum();
			assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(duplicates).isZero();
			this.table.add(
					"SMTP server down (nothing listening) during a back-test, then GreenMail up and "
							+ "`alerts --deliver` twice",
					1, queued + " alerts queued while down, each received exactly once " + "(counted by Message-ID)",
					lost, duplicates);
		}
		finally {
			greenMail.stop();
		}
	}

	/**
	 * kill -9 of a now-test at seeded points around its alert step: while it writes its
	 * report (before the alerts are decided), and right after the first alert is queued
	 * (deciding, sending, recording SENT); then the next command (restart of an
	 * unfinished run, else {@code alerts --deliver}) and {@code alerts --deliver} again.
	 * Every alert is decided once and received once by the SMTP server; a run that
	 * printed its verdict is stored as completed.
	 */
	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(9)
	void killedNowtestAlertStepSendsEveryAlertExactlyOnce() throws Exception {
		// 10 seeded points on H2, the default database; 5 on PostgreSQL
		// (RATCHET_FAULT_ALERT_TRIALS for more)
		int trials = Integer
			.parseInt(System.getenv().getOrDefault("RATCHET_FAULT_ALERT_TRIALS", "h2".equals(vendor()) ? "10" : "5"));
		long seed = Long.parseLong(System.getenv().getOrDefault("RATCHET_FAULT_SEED", "20261126"));
		Path demo = this.root.resolve("demo-alerts");
		DemoGenerator.generate(demo, YearMonth.of(2026, 10), 42);
		List<String> paths = List.of("--ratchet.paths.config=" + demo.resolve("config"),
				"--ratchet.paths.data=" + demo.resolve("historical-data"));
		int port = freePort();
		Map<String, String> mail = Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", Integer.toString(port),
				"RATCHET_ALERTS_RECIPIENTS_CHURN", "ml-team@example.com");
		GreenMail greenMail = new GreenMail(MailServers.onPort(port, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		long decided = 0;
		long duplicates = 0;
		long undelivered = 0;
		long inTheInstant = 0;
		List<String> points = new ArrayList<>();
		try {
			for (int trial = 0; trial < trials; trial++) {
				// given: a seeded kill point
				// mixes neighbouring seeds
				SplittableRandom random = new SplittableRandom(seed + 100 + trial);
				boolean afterQueued = random.nextBoolean();
				String mark = afterQueued ? "alert queued for" : "rows in the window";
				int delay = afterQueued ? random.nextInt(150) : random.nextInt(6000);
				FaultDatabase db = database();
				greenMail.purgeEmailFromAllMailboxes();
				Path reports = this.root.resolve("reports-alerts-" + trial);
				RatchetProcess nowtest = start(db, reports, "alerts-" + trial,
						with(List.of("nowtest", "--dataset=churn"), paths), mail, List.of());
				// when: kill -9 there
				nowtest.awaitLine((line) -> line.contains(mark), RUN);
				pause(delay);
				nowtest.kill();
				boolean printedVerdict = nowtest.printed((line) -> line.startsWith("Verdict: "));
				points.add((afterQueued ? "queued" : "scored") + "+" + delay + "ms");
				JdbcClient jdbc = db.client();
				Long run = jdbc.sql("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'nowtest'")
					.query(Long.class)
					.optional()
					.orElse(null);
				String status = (run == null) ? null
						: jdbc.sql("SELECT status FROM run WHERE id = ?")
							.param(run)
							.query(String.class)
							.optional()
							.orElse(null);
				// the honest limit: a message the server accepted before the kill, while
				// its row was not yet SENT. The rows SENDING at the kill are fixed once
				// the
				// process is dead; which of them the server accepted is known only once
				// it has handled the killed connection, so it is counted at the end
				Set<String> sendingAtKill = new HashSet<>(
						jdbc.sql("SELECT message_id FROM alert_outbox WHERE status = 'SENDING'")
							.query(String.class)
							.list());
				// then: what was printed is stored
				if (printedVerdict) {
					assertThat(status).as("a now-test that printed its verdict, after kill -9").isEqualTo("COMPLETED");
				}
				// when: the next command, then a delivery
				List<String> next = (run == null) ? List.of("nowtest", "--dataset=churn") : "COMPLETED".equals(status)
						? List.of("alerts", "--deliver") : List.of("restart", run.toString());
				for (List<String> args : List.of(next, List.of("alerts", "--deliver"))) {
					RatchetProcess process = start(db, reports, "alerts-" + trial, with(args, paths), mail, List.of());
					assertThat(process.waitFor(RUN)).as(String.join(" ", args) + ":\n" + process.output())
						.isIn(0, 1, 3);
				}
				// then: decided once, each alert received once
				Map<String, Integer> received = new HashMap<>();
				for (MimeMessage message : greenMail.getReceivedMessages()) {
					received.merge(message.getMessageID(), 1, Integer::sum);
				}
				List<String> ids = jdbc.sql("SELECT message_id FROM alert_outbox").query(String.class).list();
				long evaluations = jdbc.sql("SELECT COUNT(*) FROM alert_evaluation").query(Long.class).single();
				assertThat(evaluations).as("the run's alerts decided once").isEqualTo(1);
				assertThat(ids).as("alerts of a breaching now-test").isNotEmpty();
				assertThat(received.keySet()).as("nothing received that was not decided").isSubsetOf(ids);
				decided += ids.size();
				inTheInstant += received.entrySet()
					.stream()
					.filter((entry) -> sendingAtKill.contains(entry.getKey()) && entry.getValue() > 1)
					.count();
				duplicates += received.entrySet()
					.stream()
					.filter((entry) -> !sendingAtKill.contains(entry.getKey()))
					.mapToLong((entry) -> entry.getValue() - 1)
					.sum();
				undelivered += ids.stream().filter((id) -> !received.containsKey(id)).count();
			}
			assertThat(duplicates)
				.as("alerts received twice (besides those accepted by the server in the instant before "
						+ "their SENT record, when the process was killed)")
				.isZero();
			assertThat(undelivered).as("alerts never received").isZero();
			this.table.add("kill -9 of a now-test around its alert step (seed " + seed + "; points "
					+ String.join(", ", points) + "), then restart or `alerts --deliver`, then `alerts --deliver`",
					trials,
					decided + " alerts decided once each and received (counted by Message-ID); every verdict "
							+ "printed was stored as completed; " + inTheInstant + " killed after the server accepted "
							+ "them and before SENT was recorded, sent again with the same Message-ID (SMTP's honest "
							+ "limit, alert/README.md)",
					undelivered, duplicates);
		}
		finally {
			greenMail.stop();
		}
	}

	private static List<String> with(List<String> args, List<String> settings) {
		List<String> all = new ArrayList<>(args);
		all.addAll(settings);
		return all;
	}

	// ----------------------------------------------------------------------------------
	// bad month files

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(6)
	void truncatedOrGarbledMonthFiles() throws Exception {
		// given: three months; 2024-02 with a garbled line, 2024-03 cut in the middle of
		// a line
		Path ws = copyCorpus("2024-01", "2024-02", "2024-03");
		Path data = ws.resolve("data/bench");
		List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("2024-02.csv")));
		lines.set(2500, "\u00ff\u00fe#garbled;;;" + lines.get(2500).substring(7));
		Files.write(data.resolve("2024-02.csv"), lines);
		Path march = data.resolve("2024-03.csv");
		byte[] bytes = Files.readAllBytes(march);
		// cut inside the date of a line: its record has too few columns
		int cut = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\n', bytes.length / 2) + 1 + 9;
		Files.write(march, java.util.Arrays.copyOf(bytes, cut));
		long marchLines = new String(bytes, 0, cut, StandardCharsets.ISO_8859_1).chars()
			.filter((c) -> c == '\n')
			.count();
		FaultDatabase db = database();
		// when
		RatchetProcess process = start(
				db, ws.resolve("reports"), "garbled", List.of("backtest", "--dataset=" + DATASET,
						"--ratchet.paths.config=" + ws.resolve("config"), "--ratchet.paths.data=" + ws.resolve("data")),
				Map.of(), List.of());
		int code = process.waitFor(RUN);
		// then: the run completes; each bad row rejected, kept with its line and counted;
		// nothing silently lost
		assertThat(code).as(process.output()).isIn(0, 3);
		JdbcClient jdbc = db.client();
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("SELECT period, rows_read, rows_accepted, rows_rejected, rejected_file FROM run_partition")
			.query((rs, i) -> counts.put(rs.getString(1).trim(),
					new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) }))
			.list();
		assertThat(counts.get("2024-02")).containsExactly(PER_MONTH, PER_MONTH - 1, 1);
		assertThat(counts.get("2024-03")[0]).isEqualTo(marchLines);
		assertThat(counts.get("2024-03")[2]).isEqualTo(1);
		String rejectedFeb = Files.readString(ws.resolve("reports/backtest/1/rejected/2024-02.csv"));
		assertThat(rejectedFeb).contains("2501").contains("garbled");
		long lost = 0;
		for (long[] c : counts.values()) {
			lost += c[0] - c[1] - c[2];
		}
		lost += PER_MONTH - counts.get("2024-02")[0];
		// when: a month file cut inside its header (nothing usable): the run fails naming
		// the file
		Files.write(march, java.util.Arrays.copyOf(bytes, 12));
		RatchetProcess header = start(db, ws.resolve("reports"), "garbled",
				List.of("backtest", "--dataset=" + DATASET, "--from=2024-03",
						"--ratchet.paths.config=" + ws.resolve("config"), "--ratchet.paths.data=" + ws.resolve("data")),
				Map.of(), List.of());
		assertThat(header.waitFor(RUN)).isEqualTo(1);
		assertThat(header.output()).contains(march.toString());
		// and when the file is whole again, a restart completes
		Files.write(march, bytes);
		assertThat(run(db, ws.resolve("reports"), "garbled", List.of("restart", lastRun(db).toString(),
				"--ratchet.paths.config=" + ws.resolve("config"), "--ratchet.paths.data=" + ws.resolve("data"))))
			.isZero();
		this.table.add(
				"month file garbled (a line) and truncated in place (mid-line; inside the header) between "
						+ "runs; changed while being read: `MonthFileChangedWhileReadTests`",
				2, "bad rows rejected with file and line, kept in rejected/ and counted (read = accepted + rejected); "
						+ "a cut header fails the run naming the file, `restart` completes once it is whole",
				lost, 0);
	}

	// --------------------------------------------------------------------------------------
	// model edited

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(7)
	void modelFileEditedUnderTheSameVersionIsRefused() throws Exception {
		Path ws = copyCorpus("2024-01", "2024-02");
		List<String> paths = List.of("--ratchet.paths.config=" + ws.resolve("config"),
				"--ratchet.paths.data=" + ws.resolve("data"));
		FaultDatabase used = database();
		List<String> first = new ArrayList<>(List.of("backtest", "--dataset=" + DATASET, "--to=2024-01"));
		first.addAll(paths);
		assertThat(run(used, ws, "model", first)).isZero();
		long before = used.client().sql("SELECT COUNT(*) FROM metric_value").query(Long.class).single();
		// given: a coefficient changed, the version kept
		Path model = ws.resolve("config/models/bench-logit-v1.json");
		String text = Files.readString(model);
		Files.writeString(model, text.replaceFirst("\"intercept\" : -1\\.0", "\"intercept\" : -1.2"));
		assertThat(Files.readString(model)).isNotEqualTo(text);
		// when: a fresh database (the model's regression cases catch it)
		List<String> second = new ArrayList<>(List.of("backtest", "--dataset=" + DATASET, "--from=2024-02"));
		second.addAll(paths);
		FaultDatabase fresh = database();
		RatchetProcess cases = start(fresh, ws.resolve("r-fresh"), "model", second, Map.of(), List.of());
		assertThat(cases.waitFor(RUN)).isEqualTo(1);
		assertThat(cases.output()).contains("bench-logit-v1.cases.csv: the cases were made for other content");
		// and when the cases are made again for the edited file: the database that saw
		// the old file refuses it
		ModelCases.write(ModelFiles.load(model), DatasetConfigs.load(ws.resolve("config"), DATASET), true);
		RatchetProcess tampered = start(used, ws, "model", second, Map.of(), List.of());
		// then: both refused with the reason, nothing stored
		assertThat(tampered.waitFor(RUN)).isEqualTo(1);
		assertThat(tampered.output()).contains("content changed under the same version bench-logit@1");
		long after = used.client().sql("SELECT COUNT(*) FROM metric_value").query(Long.class).single();
		long freshRows = fresh.client().sql("SELECT COUNT(*) FROM metric_value").query(Long.class).single();
		assertThat(after).isEqualTo(before);
		assertThat(freshRows).isZero();
		this.table.add(
				"model file edited under the same version (a database that saw it: SHA-256; a fresh one: "
						+ "regression cases)",
				2, "both runs refused (exit 1) naming the file and the reason; no figure stored", 0,
				(after - before) + freshRows);
	}

	// ------------------------------------------------------------------------------------
	// launched twice

	@Test
	@Execution(ExecutionMode.SAME_THREAD)
	@Order(8)
	void theSameJobLaunchedTwiceAtOnce() throws Exception {
		// given: a database already made (on a fresh H2 file the second process would
		// wait for the first's
		// migrations), served apart from both processes (H2 over TCP by this JVM;
		// PostgreSQL), so that holding one
		// process does not hold the database
		Server server = null;
		FaultDatabase db;
		if ("postgresql".equals(vendor())) {
			db = database();
		}
		else {
			int port = freePort();
			Path dir = this.root.resolve("h2twice-" + FaultDatabase.shortId());
			Files.createDirectories(dir);
			server = h2Server(port, dir);
			db = FaultDatabase.h2Tcp(port, "ratchet");
		}
		try {
			db.migrate();
			List<String> args = List.of("backtest", "--dataset=" + DATASET);
			// when: two processes started together with the same parameters; the first
			// that runs a month is held
			// (SIGSTOP) so that the two surely overlap, however fast the machine, until
			// the other has ended
			RatchetProcess one = start(db, "twice", args, Map.of());
			RatchetProcess two = start(db, "twice-2", args, Map.of());
			Predicate<String> running = (line) -> line.contains(" months done");
			await().atMost(RUN)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> one.printed(running) || two.printed(running) || (!one.alive() && !two.alive()));
			RatchetProcess first = one.printed(running) ? one : two;
			RatchetProcess second = (first == one) ? two : one;
			first.suspend();
			int b;
			try {
				b = second.waitFor(RUN);
			}
			finally {
				first.resume();
			}
			int a = first.waitFor(RUN);
			// then: the one held ran to the end, the other was refused with a clear
			// message
			assertThat(List.of(a, b)).as(first.output() + "\n---\n" + second.output()).containsExactly(0, 1);
			String refused = second.output();
			assertThat(refused).contains("is already running");
			recordTwice(db, refused);
		}
		finally {
			if (server != null) {
				server.stop();
			}
		}
	}

	private void recordTwice(FaultDatabase db, String refused) {
		StoredResults after = StoredResults.read(db.client());
		StoredResults expected = this.reference;
		assertThat(after.tables()).isEqualTo(expected.tables());
		assertThat(after.runs()).isEqualTo(1);
		this.table.add(
				"the same back-test launched twice at once by hand (two processes started together, same parameters; the "
						+ "first to run a month held with SIGSTOP until the other ended)",
				1,
				"the second refused (exit 1): \"" + refused.lines()
					.filter((line) -> line.contains("already running"))
					.findFirst()
					.orElse("")
					.replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+", "<time>")
					.replaceAll("process \\d+@\\S+;", "process <pid>@<host>;")
					.trim() + "\"; the first completed",
				after.missingFrom(expected), after.extraTo(expected));
	}

	// -------------------------------------------------------------------------------------------
	// helpers

	FaultDatabase database() {
		return FaultDatabase.of(vendor(), this.root);
	}

	/**
	 * Starts a command on the corpus with its reports under {@code root/reports-<name>}.
	 */
	RatchetProcess start(FaultDatabase db, String name, List<String> args, Map<String, String> environment) {
		List<String> all = new ArrayList<>(args);
		all.add("--ratchet.paths.config=" + this.corpus.resolve("config"));
		all.add("--ratchet.paths.data=" + this.corpus.resolve("data"));
		return start(db, this.root.resolve("reports-" + name), name, all, environment, List.of());
	}

	RatchetProcess start(FaultDatabase db, Path reports, String name, List<String> args,
			Map<String, String> environment, List<String> prefix) {
		try {
			Path dir = this.root.resolve("work-" + name);
			Files.createDirectories(dir);
			List<String> all = new ArrayList<>(args);
			if (all.stream().noneMatch((arg) -> arg.startsWith("--ratchet.paths.config="))) {
				all.add("--ratchet.paths.config=" + this.corpus.resolve("config"));
			}
			if (all.stream().noneMatch((arg) -> arg.startsWith("--ratchet.paths.data="))) {
				all.add("--ratchet.paths.data=" + this.corpus.resolve("data"));
			}
			all.add("--ratchet.paths.reports=" + reports);
			all.add("--ratchet.backtest.threads=2");
			all.add("--logging.file.name=" + dir.resolve("ratchet.log"));
			all.addAll(db.settings());
			return RatchetProcess.start(dir, prefix, environment, all);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	int run(FaultDatabase db, String name, List<String> args) {
		RatchetProcess process = start(db, name, args, Map.of());
		int code = process.waitFor(RUN);
		assertThat(code).as(process.output()).isIn(0, 3);
		return code;
	}

	int run(FaultDatabase db, Path reports, String name, List<String> args) {
		RatchetProcess process = start(db, reports, name, args, Map.of(), List.of());
		int code = process.waitFor(RUN);
		assertThat(code).as(process.output()).isIn(0, 3);
		return code;
	}

	/**
	 * The back-test's run id (job instance), or {@code null} when the process died before
	 * it existed.
	 */
	static Long lastRun(FaultDatabase db) {
		if (!db.hasBatchTables()) {
			return null;
		}
		return db.client()
			.sql("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'backtest'")
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	Path copyCorpus(String... months) throws IOException {
		Path ws = this.root.resolve("ws-" + FaultDatabase.shortId());
		try (Stream<Path> files = Files.walk(this.corpus.resolve("config"))) {
			for (Path file : files.toList()) {
				Path target = ws.resolve(this.corpus.relativize(file));
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		Files.createDirectories(ws.resolve("data/bench"));
		for (String month : months) {
			Files.copy(this.corpus.resolve("data/bench/" + month + ".csv"), ws.resolve("data/bench/" + month + ".csv"));
		}
		return ws;
	}

	static List<Path> leftovers(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files
				.filter((file) -> file.getFileName().toString().endsWith(".tmp")
						|| file.getFileName().toString().startsWith("."))
				.filter((file) -> !file.getFileName().toString().equals(SmallDisk.FILLER))
				.toList();
		}
	}

	static List<Path> monthFiles(Path data) throws IOException {
		Path dir = data.resolve(DATASET);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> file.getFileName().toString().matches("\\d{4}-\\d\\d\\.csv"))
				.sorted()
				.toList();
		}
	}

	static Server h2Server(int port, Path dir) throws Exception {
		return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
			.start();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void pause(long millis) {
		if (millis > 0) {
			// (the upper bound only has to exceed the delay: a loaded machine may poll
			// late)
			await().pollDelay(Duration.ofMillis(millis)).atMost(RUN.plusMillis(millis)).until(() -> true);
		}
	}

}
