package io.ratchet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where credentials may come from: real YAML files and config trees on disk, read as
 * Spring Boot reads them.
 */
class SecretsPolicyTests {

	@TempDir
	Path project;

	@TempDir
	Path outside;

	@Test
	void aPasswordWrittenInAConfigFileOfTheProjectIsRefusedNamingTheFileAndLine() throws IOException {
		// given
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    url: jdbc:postgresql://db/ratchet
				    password: hunter2
				""");
		// when
		List<String> problems = SecretsPolicy.problems(environment, this.project);
		// then
		assertThat(problems).singleElement()
			.satisfies((problem) -> assertThat(problem)
				.startsWith(this.project.toRealPath().resolve("config/application.yml") + " line 4: ")
				.contains("spring.datasource.password is written literally", "SPRING_DATASOURCE_PASSWORD",
						"RATCHET_SECRETS")
				.doesNotContain("hunter2"));
	}

	@Test
	void emptyPasswordsAndPlaceholdersInTheProjectAreFine() throws IOException {
		// given
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    password: ""
				  mail:
				    password: ${SMTP_PASSWORD}
				ratchet:
				  http:
				    credentials-file: .ratchet/http-credentials
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).isEmpty();
	}

	@Test
	void theShippedConfigurationPasses() throws IOException {
		// given: the jar's defaults and config/application.yml, as the jobs read them
		StandardEnvironment environment = new StandardEnvironment();
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		loader.load("config", new FileSystemResource("config/application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		loader.load("jar", new ClassPathResource("application.yml")).forEach(environment.getPropertySources()::addLast);
		// then
		assertThat(environment.getPropertySources().size()).isGreaterThan(2);
		assertThat(SecretsPolicy.problems(environment, Path.of("").toAbsolutePath())).isEmpty();
	}

	@Test
	void aPasswordInAnOwnerOnlyFileOutsideTheProjectIsFineButNotInAFileOthersCanRead() throws IOException {
		// given
		Path file = this.outside.resolve("ratchet.yml");
		StandardEnvironment environment = withYaml(file, "spring:\n  mail:\n    password: s3cret\n");
		// when
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		List<String> ownerOnly = SecretsPolicy.problems(environment, this.project);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		List<String> readable = SecretsPolicy.problems(environment, this.project);
		// then
		assertThat(ownerOnly).isEmpty();
		assertThat(readable).singleElement()
			.asString()
			.contains("spring.mail.password", "group or others", "chmod 600");
	}

	@Test
	void anOwnerOnlySecretFileOutsideTheProjectGivesTheProperty() throws IOException {
		// given
		Path secrets = Files.createDirectories(this.outside.resolve("secrets"));
		secret(secrets.resolve("spring.datasource.password"), "from-a-file", "rw-------");
		StandardEnvironment environment = withTree(secrets);
		// when
		List<String> problems = SecretsPolicy.problems(environment, this.project);
		// then
		assertThat(problems).isEmpty();
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-a-file");
	}

	@Test
	void aSecretFileReadableByGroupOrOthersIsRefused() throws IOException {
		// given
		Path secrets = Files.createDirectories(this.outside.resolve("secrets"));
		secret(secrets.resolve("spring.mail.password"), "x", "rw-r-----");
		secret(secrets.resolve("ratchet.http.password"), "y", "rw-------");
		// when
		List<String> problems = SecretsPolicy.problems(withTree(secrets), this.project);
		// then
		assertThat(problems).singleElement()
			.asString()
			.contains(secrets.resolve("spring.mail.password").toString(), "group or others", "chmod 600");
	}

	@Test
	void aSecretsFolderInsideTheProjectIsRefusedEvenWhenItsFilesAreOwnerOnly() throws IOException {
		// given
		Path secrets = Files.createDirectories(this.project.resolve("secrets"));
		secret(secrets.resolve("spring.datasource.password"), "x", "rw-------");
		StandardEnvironment environment = withTree(secrets);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("env", Map.of("RATCHET_SECRETS", secrets.toString())));
		// when
		List<String> problems = SecretsPolicy.problems(environment, this.project);
		// then
		assertThat(problems).hasSize(2)
			.anySatisfy((p) -> assertThat(p).startsWith("secrets folder " + secrets).contains("inside the project"))
			.anySatisfy((p) -> assertThat(p).startsWith("secret file " + secrets.resolve("spring.datasource.password"))
				.contains("inside the project"));
	}

	@Test
	void theStartUpCheckRefusesWithEveryProblemListed() throws IOException {
		// given: a literal password in a file under the working directory (the project
		// when the jobs run)
		Path dir = Files.createDirectories(Path.of("target/secrets-policy-tests"));
		StandardEnvironment environment = withYaml(dir.resolve("application.yml"),
				"spring:\n  datasource:\n    password: literal\n  mail:\n    password: literal\n");
		// then
		assertThatExceptionOfType(InsecureCredentialsException.class)
			.isThrownBy(() -> new CredentialsCheck().check(environment))
			.withMessageContaining("refusing to start")
			.withMessageContaining("spring.datasource.password")
			.withMessageContaining("spring.mail.password");
	}

	@Test
	void onlyPasswordsSecretsAndPassphrasesAreCredentials() {
		assertThat(SecretsPolicy.isCredential("spring.datasource.password")).isTrue();
		assertThat(SecretsPolicy.isCredential("ratchet.http.password")).isTrue();
		assertThat(SecretsPolicy.isCredential("app.client-secret")).isTrue();
		assertThat(SecretsPolicy.isCredential("ratchet.http.credentials-file")).isFalse();
		assertThat(SecretsPolicy.isCredential("spring.datasource.username")).isFalse();
		assertThat(SecretsPolicy.isCredential("spring.datasource.pass-word")).isTrue();
		assertThat(SecretsPolicy.isCredential("SPRING.DATASOURCE.PASSWORD")).isTrue();
		assertThat(SecretsPolicy.isCredential("spring.mail.properties[mail.smtp.password]")).isTrue();
		assertThat(SecretsPolicy.isCredential("app.db.pwd")).isTrue();
	}

	@Test
	void aLiteralDefaultInAPlaceholderIsRefused() throws IOException {
		// given: hunter2 is used whenever NOT_SET is not set
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    password: "${NOT_SET:hunter2}"
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).singleElement()
			.asString()
			.startsWith(this.project.toRealPath().resolve("config/application.yml") + " line 3: ")
			.contains("spring.datasource.password has a literal default in ${NOT_SET:...}")
			.doesNotContain("hunter2");
	}

	@Test
	void aPlaceholderNamingAPropertyWrittenLiterallyIsRefused() throws IOException {
		// given
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				db:
				  pw: hunter2
				spring:
				  datasource:
				    password: ${db.pw}
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).singleElement()
			.asString()
			.contains(" line 5: ", "spring.datasource.password names db.pw, which is written literally");
	}

	@Test
	void placeholdersWithoutALiteralBehindThemAreFine() throws IOException {
		// given
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    password: ${DB_PASSWORD:${OTHER_PASSWORD:}}
				  mail:
				    password: ${SMTP_PASSWORD}
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).isEmpty();
	}

	@Test
	void aPasswordUnderAnotherSpellingOfTheSamePropertyIsRefused() throws IOException {
		// given: Spring binds pass-word, PASSWORD and Pass_Word... to password (relaxed
		// binding)
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    pass-word: hunter2
				ratchet:
				  http:
				    pass-word: hunter2
				  mail:
				    PASSWORD: hunter2
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains(" line 3: ", "spring.datasource.pass-word is written literally",
					"SPRING_DATASOURCE_PASSWORD"))
			.anySatisfy((p) -> assertThat(p).contains(" line 6: ", "ratchet.http.pass-word is written literally",
					"RATCHET_HTTP_PASSWORD"))
			.anySatisfy((p) -> assertThat(p).contains(" line 8: ", "ratchet.mail.PASSWORD is written literally"));
	}

	@Test
	void aPasswordInsideADatabaseUrlIsRefused() throws IOException {
		// given
		StandardEnvironment environment = withYaml(this.project.resolve("config/application.yml"), """
				spring:
				  datasource:
				    url: jdbc:h2:file:./.ratchet/db/ratchet;AUTO_SERVER=TRUE;PASSWORD=hunter2
				other:
				  url: jdbc:postgresql://db:5432/ratchet?user=ratchet&password=hunter2
				  smtp: smtps://ratchet:hunter2@mail.example.com
				  fine: jdbc:postgresql://db:5432/ratchet?user=ratchet&password=${PGPASSWORD}
				  also-fine: https://example.com/?q=1
				""");
		// then
		assertThat(SecretsPolicy.problems(environment, this.project)).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains(" line 3: ",
					"spring.datasource.url carries a password inside a URL", "PASSWORD= parameter"))
			.anySatisfy((p) -> assertThat(p).contains(" line 5: ", "other.url carries a password inside a URL"))
			.anySatisfy((p) -> assertThat(p).contains(" line 6: ", "other.smtp carries a password inside a URL",
					"user:password@"))
			.allSatisfy((p) -> assertThat(p).doesNotContain("hunter2"));
	}

	private static StandardEnvironment withYaml(Path file, String yaml) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, yaml);
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load(file.toString(),
				new FileSystemResource(file))) {
			environment.getPropertySources().addLast(source);
		}
		return environment;
	}

	private static StandardEnvironment withTree(Path folder) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new ConfigTreePropertySource("secrets", folder));
		return environment;
	}

	private static void secret(Path file, String value, String permissions) throws IOException {
		Files.writeString(file, value);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
	}

}
