package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A static check that every SQL statement in {@code src/main/java} is a constant: the
 * statement given to {@code JdbcClient.sql},
 * {@code JdbcTemplate.query/update/execute/...} or {@code Connection.prepareStatement} /
 * {@code Statement.execute*} is made of string literals, text blocks and upper-case
 * constants ({@code RunRecord.SELECT}) joined with {@code +}; values always travel as
 * {@code ?} parameters. Anything else (a variable, a method call, {@code String.format},
 * {@code .formatted}) is reported with its file and line. Honest limits: it reads the
 * source text, not the compiled code, and trusts that an upper-case name is a
 * compile-time constant.
 */
class SqlParameterisationTests {

	private static final Pattern CALL = Pattern.compile(
			"\\.(sql|query|queryForObject|queryForList|queryForMap|queryForStream|update|batchUpdate|execute|executeQuery"
					+ "|executeUpdate|executeLargeUpdate|prepareStatement|prepareCall|addBatch)\\s*\\(");

	private static final Pattern CONSTANT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Z0-9_]*");

	@Test
	void everySqlStatementInTheMainSourcesIsAConstant() throws IOException {
		// given
		List<Path> sources;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			sources = files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		// when
		List<String> findings = new ArrayList<>();
		int statements = 0;
		for (Path file : sources) {
			String text = Files.readString(file);
			if (!text.contains("JdbcClient") && !text.contains("JdbcTemplate") && !text.contains("java.sql.")) {
				continue;
			}
			for (Finding finding : scan(text)) {
				statements++;
				if (finding.problem() != null) {
					findings.add(file + " line " + finding.line() + ": " + finding.problem());
				}
			}
		}
		// then
		assertThat(statements).as("SQL statements found (the check must see them to mean anything)").isGreaterThan(50);
		assertThat(findings).as("SQL built from non-constant values").isEmpty();
	}

	@Test
	void aValueConcatenatedIntoAStatementIsReported() {
		// given
		String source = """
				class Bad {
					void bad(String dataset, String table) {
						this.jdbc.sql("SELECT * FROM run WHERE dataset = '" + dataset + "'").query();
						this.jdbc.sql("DELETE FROM " + table + " WHERE id = ?").param(1).update();
						this.jdbc.sql("SELECT * FROM run WHERE dataset = '%s'".formatted(dataset)).query();
						this.template.query(String.format("SELECT %s", dataset), mapper);
						String sql = "SELECT 1";
						this.jdbc.sql(sql).query();
						this.jdbc.sql(RunRecord.SELECT + \"""
								 WHERE id = ?\""").param(1).query();
						this.jdbc.sql("SELECT id FROM run WHERE dataset = ?").param(dataset).query();
						this.jdbc.sql("DELETE FROM breach WHERE run_id = ?").param(1).update();
					}
				}
				""";
		// when
		List<Finding> findings = scan(source);
		// then
		assertThat(findings).extracting(Finding::line).containsExactly(3, 4, 5, 6, 8, 9, 11, 12);
		assertThat(findings.stream().filter((f) -> f.problem() != null).map(Finding::line)).containsExactly(3, 4, 5, 6,
				8);
	}

	/**
	 * One statement: where it starts and what is wrong with it ({@code null}: constant).
	 */
	record Finding(int line, String problem) {
	}

	/** Finds the SQL calls of a source text and judges their first argument. */
	static List<Finding> scan(String source) {
		String code = blankComments(source);
		List<Finding> findings = new ArrayList<>();
		Matcher call = CALL.matcher(code);
		while (call.find()) {
			String argument = firstArgument(code, call.end());
			if (argument == null) {
				continue;
			}
			String masked = maskStrings(argument).strip();
			if (masked.isEmpty() || masked.contains("->") || masked.contains("::") || masked.endsWith(".class")) {
				// JdbcClient's update() and query(mapper), a TransactionTemplate's
				// execute(callback)
				continue;
			}
			String method = call.group(1);
			boolean alwaysSql = method.equals("sql") || method.startsWith("prepare") || method.startsWith("execute")
					|| method.equals("addBatch");
			// JdbcTemplate's query/update/...: a first argument built from strings
			// (JdbcClient's query and update
			// take a mapper, a class or a key holder there)
			boolean templateSql = argument.strip().startsWith("\"") || masked.contains("+")
					|| masked.contains("format");
			if (!alwaysSql && !templateSql) {
				continue;
			}
			int line = 1 + (int) code.substring(0, call.start()).chars().filter((c) -> c == '\n').count();
			findings.add(new Finding(line, judge(masked)));
		}
		return findings;
	}

	private static String judge(String masked) {
		if (masked.contains(".formatted(") || masked.contains("String.format(")) {
			return "statement formatted from values: " + masked;
		}
		for (String operand : masked.split("\\+")) {
			String part = operand.strip();
			if (!part.equals("S") && !CONSTANT.matcher(part).matches()) {
				return "'" + part + "' is not a literal or constant: pass values as ? parameters";
			}
		}
		return null;
	}

	/**
	 * The text of the first argument of a call whose '(' ends at {@code start}, or
	 * {@code null}.
	 */
	private static String firstArgument(String code, int start) {
		int depth = 0;
		boolean inString = false;
		boolean textBlock = false;
		for (int i = start; i < code.length(); i++) {
			char c = code.charAt(i);
			if (textBlock) {
				if (code.startsWith("\"\"\"", i)) {
					textBlock = false;
					i += 2;
				}
				continue;
			}
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
				continue;
			}
			if (code.startsWith("\"\"\"", i)) {
				textBlock = true;
				i += 2;
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' || (c == ',' && depth == 0)) {
				if (depth == 0) {
					return code.substring(start, i);
				}
				depth--;
			}
		}
		return null;
	}

	/** Replaces every string literal and text block with {@code S}. */
	private static String maskStrings(String argument) {
		String blocks = argument.replaceAll("(?s)\"\"\".*?\"\"\"", "S");
		return blocks.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "S");
	}

	/**
	 * Blanks comments (keeping line breaks) so Javadoc examples are not taken for code.
	 */
	private static String blankComments(String source) {
		Matcher comment = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*").matcher(source);
		StringBuilder out = new StringBuilder();
		while (comment.find()) {
			comment.appendReplacement(out, Matcher.quoteReplacement(comment.group().replaceAll("[^\n]", " ")));
		}
		comment.appendTail(out);
		return out.toString();
	}

}
