package io.ratchet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * Points a test's context at a workspace of its own ({@code config/},
 * {@code historical-data/}, {@code reports/}, the month cache).
 */
public final class TestPaths {

	private TestPaths() {
	}

	/**
	 * Registers {@code ratchet.paths.*} under the root (read lazily: a {@code @TempDir}
	 * is set later).
	 */
	public static void register(DynamicPropertyRegistry registry, Supplier<Path> root) {
		registry.add("ratchet.paths.config", () -> root.get().resolve("config").toString());
		registry.add("ratchet.paths.data", () -> root.get().resolve("historical-data").toString());
		registry.add("ratchet.paths.reports", () -> root.get().resolve("reports").toString());
		registry.add("ratchet.cache.folder", () -> root.get().resolve(".ratchet/month-cache").toString());
	}

	/**
	 * Copies the committed demo (its configuration and the churn month files) under the
	 * root.
	 */
	public static void copyDemo(Path root) throws IOException {
		FileSystemUtils.copyRecursively(Path.of("config"), root.resolve("config"));
		FileSystemUtils.copyRecursively(Path.of("historical-data/churn"), root.resolve("historical-data/churn"));
	}

}
