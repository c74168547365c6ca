package io.ratchet.system;

import java.util.List;

/**
 * One or more {@code ratchet.*} settings that Ratchet does not know (a typo): the
 * application does not start ({@link UnknownSettings}).
 */
public class UnknownSettingException extends RuntimeException {

	UnknownSettingException(List<String> problems) {
		super(String.join("\n", problems) + "\n(the known settings are listed in the README, Configuration; "
				+ "nothing was run)");
	}

}
