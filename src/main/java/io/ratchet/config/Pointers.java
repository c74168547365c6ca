package io.ratchet.config;

/**
 * JSON pointers (RFC 6901) as used to locate problems in configuration and model files,
 * and their readable form.
 */
public final class Pointers {

	private Pointers() {
	}

	/** Escapes one reference token. */
	public static String escape(String token) {
		return (token != null) ? token.replace("~", "~0").replace("/", "~1") : "null";
	}

	/**
	 * A pointer for people: {@code /terms/2/scale} becomes {@code terms[2].scale}; the
	 * root is {@code (top level)}.
	 */
	public static String readable(String pointer) {
		if (pointer.isEmpty()) {
			return "(top level)";
		}
		StringBuilder text = new StringBuilder();
		for (String token : pointer.substring(1).split("/", -1)) {
			String plain = token.replace("~1", "/").replace("~0", "~");
			if (!plain.isEmpty() && plain.chars().allMatch(Character::isDigit)) {
				text.append('[').append(plain).append(']');
			}
			else {
				text.append(text.length() > 0 ? "." : "").append(plain);
			}
		}
		return text.toString();
	}

	/** The pointer of the enclosing value ({@code ""} stays {@code ""}). */
	public static String parent(String pointer) {
		int slash = pointer.lastIndexOf('/');
		return (slash <= 0) ? "" : pointer.substring(0, slash);
	}

}
