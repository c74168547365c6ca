package io.ratchet.security;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Where credentials may come from: the environment, the command line, or a secret file
 * outside the project that only its owner can read. Finds, in a prepared
 * {@link ConfigurableEnvironment}:
 * <ul>
 * <li>a secrets folder ({@code RATCHET_SECRETS}, default {@value #DEFAULT_SECRETS}, read
 * by Spring's {@code configtree:} import) inside the project, or any secret file of a
 * config tree inside the project or readable by group or others;</li>
 * <li>a password, secret or passphrase written literally in a configuration file of the
 * project ({@code config/application.yml}, the jar's {@code application.yml}, any file
 * under the project), or in a file elsewhere that group or others can read. The property
 * is recognised as Spring binds it ({@code pass-word} is {@code password}); a literal
 * hidden in a placeholder's default ({@code ${UNSET:hunter2}}) or in another property the
 * placeholder names counts as written; an empty value or a placeholder without a literal
 * behind it does not;</li>
 * <li>a password inside a URL in such a file, whatever the property: {@code ;PASSWORD=}
 * in an H2 URL, {@code ?password=} in a PostgreSQL URL, {@code user:password@} in any
 * URL.</li>
 * </ul>
 */
public final class SecretsPolicy {

	/** The secrets folder when {@code RATCHET_SECRETS} is not set. */
	public static final String DEFAULT_SECRETS = "/run/secrets/ratchet";

	private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

	private static final List<String> CREDENTIAL_WORDS = List.of("password", "passwd", "passphrase", "secret");

	private SecretsPolicy() {
	}

	/**
	 * Every breach of the policy, one message each, naming the file (and the line) and
	 * what to do; empty when none.
	 * @param project the project's root (the working tree the jobs run in)
	 */
	public static List<String> problems(ConfigurableEnvironment environment, Path project) {
		Path root = real(project);
		List<String> problems = new ArrayList<>();
		Path secrets = Path.of(environment.getProperty("RATCHET_SECRETS", DEFAULT_SECRETS));
		if (Files.isDirectory(secrets) && inside(real(secrets), root)) {
			problems.add("secrets folder " + secrets + " is inside the project " + root
					+ ": keep secret files outside the working tree (RATCHET_SECRETS, default " + DEFAULT_SECRETS
					+ ")");
		}
		List<PropertySource<?>> files = environment.getPropertySources()
			.stream()
			.filter(OriginTrackedMapPropertySource.class::isInstance)
			.toList();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof ConfigTreePropertySource tree) {
				checkSecretFiles(tree, root, problems);
			}
			else if (source instanceof OriginTrackedMapPropertySource file) {
				checkLiterals(file, files, root, problems);
			}
		}
		return problems;
	}

	/**
	 * Whether a property holds a credential, judged as Spring binds it (relaxed:
	 * {@code pass-word}, {@code PASSWORD} and {@code password} are one property): its
	 * last element, in the uniform form, names a password, secret or passphrase, or is
	 * {@code pwd}. Works for indexed names too
	 * ({@code spring.mail.properties[mail.smtp.password]}).
	 */
	static boolean isCredential(String name) {
		ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
		if (property.isEmpty()) {
			return false;
		}
		String last = property.getLastElement(Form.UNIFORM).toLowerCase(Locale.ROOT);
		return CREDENTIAL_WORDS.stream().anyMatch(last::contains) || "pwd".equals(last);
	}

	private static void checkSecretFiles(ConfigTreePropertySource tree, Path root, List<String> problems) {
		Set<Path> files = new TreeSet<>();
		for (String name : tree.getPropertyNames()) {
			Path file = fileOf(tree.getOrigin(name));
			if (file != null) {
				files.add(file);
			}
		}
		for (Path file : files) {
			if (inside(real(file), root)) {
				problems.add("secret file " + file + " is inside the project " + root
						+ ": move it out of the working tree (e.g. to " + DEFAULT_SECRETS + ")");
			}
			else if (openToOthers(file)) {
				problems.add("secret file " + file + " can be read or written by group or others: chmod 600 " + file);
			}
		}
	}

	private static void checkLiterals(OriginTrackedMapPropertySource source, List<PropertySource<?>> files, Path root,
			List<String> problems) {
		for (String name : source.getPropertyNames()) {
			Object value = source.getProperty(name);
			String text = (value != null) ? value.toString() : "";
			String literal = isCredential(name) ? Placeholders.literalIn(text, files) : null;
			String inUrl = (literal == null) ? Placeholders.passwordInUrl(text) : null;
			if (literal == null && inUrl == null) {
				continue;
			}
			String what = (literal != null) ? name + " " + literal
					: name + " carries a password inside a URL (" + inUrl + ")";
			Origin origin = ((OriginLookup<String>) source).getOrigin(name);
			Path file = fileOf(origin);
			String where = where(origin, file, source.getName());
			if (file == null || inside(real(file), root)) {
				problems.add(where + ": " + what + " in a configuration file of the project; set "
						+ ((literal != null) ? "it in the environment (" + envName(name) + ")"
								: "the password apart from the URL, in the environment")
						+ " or in a secret file named " + ((literal != null) ? name : "after the password property")
						+ " in the secrets folder (RATCHET_SECRETS, default " + DEFAULT_SECRETS + ")");
			}
			else if (openToOthers(file)) {
				problems.add(where + ": " + what + " in a file that group or others can read: chmod 600 " + file);
			}
		}
	}

	/** {@code <file> line <n>} (or the origin as Spring describes it). */
	private static String where(Origin origin, Path file, String sourceName) {
		TextResourceOrigin text = (origin instanceof TextResourceOrigin t) ? t : null;
		String resource = (file != null) ? file.toString() : (text != null && text.getResource() != null)
				? text.getResource().getDescription() : (origin != null) ? origin.toString() : sourceName;
		return (text != null && text.getLocation() != null) ? resource + " line " + (text.getLocation().getLine() + 1)
				: resource;
	}

	private static String envName(String name) {
		return name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "").replace("[", "").replace("]", "");
	}

	/**
	 * The file behind an origin, or {@code null} (a class-path resource inside a jar, no
	 * origin).
	 */
	private static Path fileOf(Origin origin) {
		for (Origin o = origin; o != null; o = o.getParent()) {
			if (o instanceof TextResourceOrigin text && text.getResource() != null) {
				Resource resource = text.getResource();
				if (resource.isFile()) {
					try {
						File file = resource.getFile();
						return file.toPath().toAbsolutePath();
					}
					catch (IOException ex) {
						return null;
					}
				}
				return null;
			}
		}
		return null;
	}

	private static boolean openToOthers(Path file) {
		PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		if (view == null) {
			return false; // no POSIX permissions on this file system: nothing to check
		}
		try {
			Set<PosixFilePermission> permissions = view.readAttributes().permissions();
			return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean inside(Path path, Path root) {
		return path.startsWith(root);
	}

	private static Path real(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path.toAbsolutePath().normalize();
		}
	}

}
