package io.ratchet.model;

import java.util.List;

import io.ratchet.data.PredictionLogColumns;

import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kind: logged} part of a model file: reading it strictly (through
 * {@link ModelFileReading}, which locates each problem in the file) and writing it.
 *
 * <pre>
 * "column": "vendor_score"
 * </pre> or <pre>
 * "log": {"id": ["request_id"], "timestamp": "scored_at", "score": "p_sale"}
 * </pre>
 */
final class LoggedModelJson {

	private LoggedModelJson() {
	}

	/** A logged model's prediction log as written: its column names, each optional. */
	record LogJson(List<String> id, String timestamp, String score) {
	}

	static LoggedModel read(ModelFiles.FileJson json, Link link, ModelFileReading reading) {
		String what = "a logged model (its scores are read, not computed)";
		LinearModelJson.notAllowed(json, what, reading);
		TreeEnsembleJson.notAllowed(json, what, reading);
		OnnxModelJson.notAllowed(json, what, reading);
		PredictionLogColumns log = null;
		if (json.log() != null) {
			LogJson given = json.log();
			List<String> ids = (given.id() != null) ? given.id() : List.of("id");
			String timestamp = (given.timestamp() != null) ? given.timestamp() : PredictionLogColumns.TIMESTAMP;
			String score = (given.score() != null) ? given.score() : PredictionLogColumns.SCORE;
			if (ids.stream().anyMatch(String::isBlank) || timestamp.isBlank() || score.isBlank()) {
				throw reading.error("/log", "a column name must not be empty");
			}
			try {
				log = new PredictionLogColumns(ids, timestamp, score);
			}
			catch (IllegalArgumentException ex) {
				throw reading.error("/log", ex.getMessage());
			}
		}
		PredictionLogColumns columns = log;
		return reading.build("", () -> new LoggedModel(link, json.column(), columns, json.training()));
	}

	/** Writes the score column or the prediction log's columns of a model file. */
	static void write(LoggedModel logged, ObjectNode root) {
		if (logged.column() != null) {
			root.put("column", logged.column());
			return;
		}
		ObjectNode log = root.putObject("log");
		logged.log().idColumns().forEach(log.putArray("id")::add);
		log.put("timestamp", logged.log().timestamp());
		log.put("score", logged.log().score());
	}

}
