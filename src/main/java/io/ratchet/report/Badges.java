package io.ratchet.report;

/**
 * The colours of a verdict badge, as inline CSS so that pages and e-mails show them
 * alike.
 */
public final class Badges {

	private Badges() {
	}

	/** Inline CSS for a badge of this verdict or status. */
	public static String style(String verdict) {
		String colours = switch ((verdict != null) ? verdict : "") {
			case "PASS", "PROMOTED" -> "background:#dcf3e3;color:#11622e;border:1px solid #9fd5b0";
			case "BREACH" -> "background:#fde2e1;color:#a11d1d;border:1px solid #f0a5a2";
			case "INSUFFICIENT_DATA", "ELIGIBLE", "WAITING" ->
				"background:#fff3cd;color:#7a5b00;border:1px solid #ecd27d";
			case "FAILED", "STOPPED" -> "background:#3b3b3b;color:#ffffff;border:1px solid #3b3b3b";
			default -> "background:#eeeeee;color:#555555;border:1px solid #cccccc";
		};
		return "display:inline-block;padding:3px 10px;border-radius:4px;font-weight:bold;letter-spacing:.3px;"
				+ colours;
	}

}
