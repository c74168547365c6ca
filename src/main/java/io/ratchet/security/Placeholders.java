package io.ratchet.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.env.PropertySource;

/**
 * Reads a configuration value as Spring resolves it, to tell whether a literal secret
 * stands behind it: text outside {@code ${...}}, a placeholder's default
 * ({@code ${UNSET:hunter2}}), or another property of the configuration files that a
 * placeholder names ({@code ${db.pw}} with {@code db.pw: hunter2}), followed to any
 * depth. Also finds a password carried inside a URL.
 */
final class Placeholders {

	/**
	 * {@code ;PASSWORD=x} (H2), {@code ?password=x} or {@code &password=x} (PostgreSQL
	 * and most JDBC drivers).
	 */
	private static final Pattern URL_PARAMETER = Pattern
		.compile("(?:^|[;?&])\\s*(password|passwd|pwd)\\s*=\\s*([^;&\\s]*)", Pattern.CASE_INSENSITIVE);

	/** {@code scheme://user:password@host}. */
	private static final Pattern USER_INFO = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s:]*:([^/@\\s]+)@");

	private static final int MAX_DEPTH = 16;

	private Placeholders() {
	}

	/**
	 * How a literal stands behind {@code text} (e.g. {@code "is written literally"}), or
	 * {@code null} when the value is empty or only placeholders with no literal behind
	 * them.
	 * @param files the configuration files' property sources, where a placeholder's key
	 * is looked up
	 */
	static String literalIn(String text, List<PropertySource<?>> files) {
		return literalIn(text, files, new HashSet<>(), 0);
	}

	private static String literalIn(String text, List<PropertySource<?>> files, Set<String> seen, int depth) {
		if (text == null || text.isBlank() || depth > MAX_DEPTH) {
			return null;
		}
		List<String> placeholders = new ArrayList<>();
		String outside = split(text, placeholders);
		if (!outside.isBlank()) {
			return (depth == 0 && placeholders.isEmpty()) ? "is written literally"
					: "holds literal text beside its placeholder";
		}
		for (String placeholder : placeholders) {
			int colon = separator(placeholder);
			String key = (colon < 0) ? placeholder : placeholder.substring(0, colon);
			if (colon >= 0) {
				String fallback = placeholder.substring(colon + 1);
				if (literalIn(fallback, files, seen, depth + 1) != null) {
					return "has a literal default in ${" + key + ":...}";
				}
			}
			if (seen.add(key.trim())) {
				for (PropertySource<?> file : files) {
					Object value = file.getProperty(key.trim());
					if (value != null && literalIn(value.toString(), files, seen, depth + 1) != null) {
						return "names " + key.trim() + ", which is written literally";
					}
				}
			}
		}
		return null;
	}

	/**
	 * A description of a password inside a URL in {@code text}
	 * ({@code "PASSWORD= parameter"}), or {@code null}; an empty value or a placeholder
	 * is not a password.
	 */
	static String passwordInUrl(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		Matcher parameter = URL_PARAMETER.matcher(text);
		while (parameter.find()) {
			if (isLiteral(parameter.group(2)) && (text.contains("://") || text.startsWith("jdbc:"))) {
				return parameter.group(1).toUpperCase(Locale.ROOT) + "= parameter";
			}
		}
		Matcher userInfo = USER_INFO.matcher(text);
		while (userInfo.find()) {
			if (isLiteral(userInfo.group(1))) {
				return "user:password@ before the host";
			}
		}
		return null;
	}

	private static boolean isLiteral(String value) {
		String trimmed = value.trim();
		while (trimmed.endsWith("}")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return !trimmed.isEmpty() && !trimmed.startsWith("${");
	}

	/**
	 * The text outside top-level {@code ${...}}; each placeholder's inside is added to
	 * {@code placeholders}.
	 */
	private static String split(String text, List<String> placeholders) {
		StringBuilder outside = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			int start = text.indexOf("${", i);
			if (start < 0) {
				outside.append(text, i, text.length());
				break;
			}
			outside.append(text, i, start);
			int end = closing(text, start + 2);
			if (end < 0) {
				// unclosed: Spring keeps it as text
				outside.append(text, start, text.length());
				break;
			}
			placeholders.add(text.substring(start + 2, end));
			i = end + 1;
		}
		return outside.toString();
	}

	/**
	 * The index of the brace closing a placeholder whose content starts at {@code from},
	 * or -1.
	 */
	private static int closing(String text, int from) {
		int depth = 1;
		for (int i = from; i < text.length(); i++) {
			if (text.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (text.charAt(i) == '}' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The index of the {@code :} between a placeholder's key and its default (outside
	 * nested placeholders), or -1.
	 */
	private static int separator(String placeholder) {
		int depth = 0;
		for (int i = 0; i < placeholder.length(); i++) {
			if (placeholder.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (placeholder.charAt(i) == '}') {
				depth--;
			}
			else if (placeholder.charAt(i) == ':' && depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
