package io.ratchet.console;

import java.nio.file.Files;
import java.nio.file.Path;

import io.ratchet.system.RatchetPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console serves from the reports folder: its report files, and nothing outside
 * it or of another kind.
 */
class ReportFilesTests {

	@TempDir
	Path root;

	ReportFiles files;

	@BeforeEach
	void aReportsFolder() throws Exception {
		Files.createDirectories(this.root.resolve("reports/nowtest/7"));
		Files.writeString(this.root.resolve("reports/nowtest/7/index.html"), "<html>report</html>");
		Files.write(this.root.resolve("reports/nowtest/7/auc.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Files.writeString(this.root.resolve("reports/nowtest/7/notes.txt"), "not a report file");
		Files.writeString(this.root.resolve("secret.html"), "outside");
		this.files = new ReportFiles(
				new RatchetPaths(this.root.resolve("config"), this.root.resolve("data"), this.root.resolve("reports")));
	}

	@Test
	void aReportPageAndItsChartAreServedWithTheirTypes() {
		assertThat(this.files.find("/nowtest/7/index.html")).hasValueSatisfying((file) -> {
			assertThat(file.path()).isEqualTo(this.root.resolve("reports/nowtest/7/index.html"));
			assertThat(file.type()).isEqualTo(MediaType.TEXT_HTML);
		});
		assertThat(this.files.find("nowtest/7/auc.png"))
			.hasValueSatisfying((file) -> assertThat(file.type()).isEqualTo(MediaType.IMAGE_PNG));
	}

	@Test
	void nothingOutsideTheFolderOfAnotherTypeOrAbsentIsServed() {
		assertThat(this.files.find("/../secret.html")).isEmpty();
		assertThat(this.files.find("nowtest/7/../../../secret.html")).isEmpty();
		assertThat(this.files.find(this.root.resolve("secret.html").toString())).isEmpty();
		assertThat(this.files.find("nowtest/7/notes.txt")).isEmpty();
		assertThat(this.files.find("nowtest/7/missing.html")).isEmpty();
		assertThat(this.files.find("nowtest/7")).isEmpty();
		assertThat(this.files.find("")).isEmpty();
	}

	@Test
	void aLinkInsideTheFolderThatPointsOutsideIsNotFollowed() throws Exception {
		// given
		Files.createSymbolicLink(this.root.resolve("reports/nowtest/7/leak.html"), this.root.resolve("secret.html"));
		// then
		assertThat(this.files.find("nowtest/7/leak.html")).isEmpty();
	}

}
