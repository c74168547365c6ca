package io.ratchet.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Parses a configuration file (or a folder of them) once and hands out the result until a
 * file changes: the key is the path, and the value is kept with a fingerprint of every
 * file behind it (path, size, modification time). A job reading the same dataset config,
 * model files and requirements for every month pays for parsing once, and an edit is
 * still seen at once.
 *
 * @param <T> what the files parse into
 */
public final class FileCache<T> {

	private final Function<Path, T> parser;

	private final Map<Path, Entry<T>> entries = new ConcurrentHashMap<>();

	public FileCache(Function<Path, T> parser) {
		this.parser = parser;
	}

	public T get(Path path) {
		Path key = path.toAbsolutePath().normalize();
		List<String> fingerprint = fingerprint(key);
		Entry<T> entry = this.entries.get(key);
		if (entry != null && entry.fingerprint().equals(fingerprint)) {
			return entry.value();
		}
		T value = this.parser.apply(path);
		this.entries.put(key, new Entry<>(fingerprint, value));
		return value;
	}

	private static List<String> fingerprint(Path path) {
		List<String> parts = new ArrayList<>();
		if (Files.isDirectory(path)) {
			try (Stream<Path> files = Files.walk(path)) {
				files.filter(Files::isRegularFile).sorted().forEach((file) -> parts.add(stamp(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot list " + path, ex);
			}
		}
		else {
			parts.add(stamp(path));
		}
		return parts;
	}

	private static String stamp(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return file + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis() + "|"
					+ attributes.lastModifiedTime().toInstant().getNano();
		}
		catch (NoSuchFileException ex) {
			return file + "|absent";
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the attributes of " + file, ex);
		}
	}

	private record Entry<T>(List<String> fingerprint, T value) {
	}

}
