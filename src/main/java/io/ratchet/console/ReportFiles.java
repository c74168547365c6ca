package io.ratchet.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ratchet.system.RatchetPaths;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The files of the reports folder the console serves as they are (the pages the jobs
 * wrote, their charts and CSV files): only regular files of a known type whose real path,
 * links resolved, lies inside the folder, so that neither {@code ..} nor a symbolic link
 * reaches anything else.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportFiles {

	private static final Map<String, MediaType> TYPES = Map.of("html", MediaType.TEXT_HTML, "png", MediaType.IMAGE_PNG,
			"csv", new MediaType("text", "csv"), "eml", new MediaType("message", "rfc822"));

	private final RatchetPaths paths;

	ReportFiles(RatchetPaths paths) {
		this.paths = paths;
	}

	/**
	 * The file at {@code relative} under the reports folder, or empty when it is absent,
	 * outside the folder or of a type not served.
	 */
	Optional<ReportFile> find(String relative) {
		String name = relative.startsWith("/") ? relative.substring(1) : relative;
		String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		MediaType type = TYPES.get(extension);
		if (type == null || name.isEmpty() || name.contains("\0")) {
			return Optional.empty();
		}
		try {
			Path root = this.paths.reports().toAbsolutePath().normalize();
			Path file = root.resolve(name).normalize();
			if (!file.startsWith(root) || !Files.isRegularFile(file)
					|| !file.toRealPath().startsWith(root.toRealPath())) {
				return Optional.empty();
			}
			return Optional.of(new ReportFile(file, type));
		}
		catch (IOException | RuntimeException ex) {
			// an unreadable or malformed path is served as absent
			return Optional.empty();
		}
	}

	/** A file to serve and its media type. */
	record ReportFile(Path path, MediaType type) {
	}

}
