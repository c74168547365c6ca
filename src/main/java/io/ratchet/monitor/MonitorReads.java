package io.ratchet.monitor;

import java.util.Optional;

import io.ratchet.run.FigureReads;
import io.ratchet.run.FigureReads.ChampionFigures;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures the HTTP endpoint shows when a client asks: runs through {@link RunReads},
 * the champions' latest figures through {@link FigureReads}, pending alerts from the
 * alert outbox.
 */
class MonitorReads {

	private final JdbcClient jdbc;

	private final RunReads runs;

	private final FigureReads figures;

	MonitorReads(JdbcClient jdbc, RunReads runs, FigureReads figures) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.figures = figures;
	}

	long runs(String job, RunStatus status) {
		return this.runs.count(job, status);
	}

	/** The status of the job's latest run, if it ever ran. */
	Optional<RunStatus> lastStatus(String job) {
		return this.runs.lastStatus(job);
	}

	/** The champion's whole-period figures in the dataset's latest completed run. */
	Optional<ChampionFigures> latestChampionFigures(String dataset) {
		return this.figures.latestChampionFigures(dataset);
	}

	long pendingAlerts() {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE status IN ('PENDING', 'SENDING')")
			.query(Long.class)
			.single();
	}

}
