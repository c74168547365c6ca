package io.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerAgreementTests {

	private static final String PANDAS = """
			2023-01,0,10000,0.878347,0.434672,0.140853,0.795900,0.783901,0.757737,0.770597
			2023-01,1,10000,0.864697,0.456075,0.148801,0.785700,0.768191,0.753758,0.760906
			2023-02,0,10000,0.871234,0.441234,0.142345,0.790100,0.780000,0.750000,0.764706
			2023-02,1,10000,0.860000,0.460000,0.150000,0.780000,0.760000,0.750000,0.754967
			""";

	private static final String HEADER = "run,dataset,model,version,role,sha256,period,verdict,n,positives,mean_score,"
			+ "roc_auc,average_precision,log_loss,brier,accuracy,precision,recall,f1\n";

	@TempDir
	Path folder;

	@Test
	void ratchetsFullFiguresAgreeWithThePeersRoundedOnesAndTheLargestDifferenceIsNamed() throws IOException {
		// given Ratchet's metrics.csv: full doubles, the whole period too (left aside),
		// months in its own order
		Path metrics = write("metrics.csv",
				HEADER + row(1, "2023-02", "10000,0.871234,0.441234,0.142345,0.790100,0.780000,0.750000,0.764706")
						+ row(1, "2023-01", "10000,0.8783467001,0.434672,0.1408534,0.7959,0.783901,0.757737,0.770597")
						+ row(1, "ALL", "20000,0.5,0.5,0.5,0.5,0.5,0.5,0.5")
						+ row(2, "2023-01", "10000,0.864697,0.456075,0.148801,0.7857,0.768191,0.753758,0.760906")
						+ row(2, "2023-02", "10000,0.86,0.46,0.15,0.78,0.76,0.75,0.754967")
						+ "1,peers,other-model,1,candidate,abc,2023-01,PASS,1,0,0,0,0,0,0,0,0,0,0\n");
		// when
		PeerAgreement.Comparison comparison = PeerAgreement.compare(PeerAgreement.read(write("pandas.out", PANDAS)),
				PeerAgreement.read(metrics));
		// then
		assertThat(comparison.compared()).isEqualTo(4);
		assertThat(comparison.largest()).isCloseTo(4e-7, org.assertj.core.api.Assertions.within(1e-12));
		assertThat(comparison.where()).isEqualTo("2023-01 model 0 brier");
		assertThat(comparison.agrees(1e-6)).isTrue();
		assertThat(comparison.agrees(1e-7)).isFalse();
		assertThat(comparison.describe(1e-6)).startsWith("agree: largest difference 4.00e-07 (2023-01 model 0 brier)");
	}

	@Test
	void aFigureFurtherThanTheToleranceDisagrees() throws IOException {
		// given
		Path other = write("polars.out", PANDAS.replace("0.760000,0.750000,0.754967", "0.760000,0.750100,0.754967"));
		// when
		PeerAgreement.Comparison comparison = PeerAgreement.compare(PeerAgreement.read(write("pandas.out", PANDAS)),
				PeerAgreement.read(other));
		// then
		assertThat(comparison.agrees(1e-6)).isFalse();
		assertThat(comparison.where()).isEqualTo("2023-02 model 1 recall");
		assertThat(comparison.describe(1e-6)).startsWith("DISAGREE");
	}

	@Test
	void aMissingMonthOrADifferentRowCountNeverAgrees() throws IOException {
		// given
		Path pandas = write("pandas.out", PANDAS);
		Path shorter = write("duckdb.out", PANDAS.lines().limit(3).reduce("", (a, b) -> a + b + "\n"));
		Path fewerRows = write("limit.out", PANDAS.replace("2023-02,1,10000", "2023-02,1,9999"));
		// when
		PeerAgreement.Comparison missing = PeerAgreement.compare(PeerAgreement.read(pandas),
				PeerAgreement.read(shorter));
		PeerAgreement.Comparison extra = PeerAgreement.compare(PeerAgreement.read(shorter), PeerAgreement.read(pandas));
		PeerAgreement.Comparison rows = PeerAgreement.compare(PeerAgreement.read(pandas),
				PeerAgreement.read(fewerRows));
		// then
		assertThat(missing.agrees(1)).isFalse();
		assertThat(missing.where()).isEqualTo("2023-02 model 1 missing from the other");
		assertThat(extra.where()).isEqualTo("2023-02 model 1 missing from the reference");
		assertThat(rows.agrees(1)).isFalse();
		assertThat(rows.where()).isEqualTo("2023-02 model 1 n 10000 against 9999");
	}

	@Test
	void aMissingFigureOnOneSideDisagrees() throws IOException {
		// given Ratchet leaves a figure empty when it has none (e.g. precision without a
		// positive prediction)
		Path metrics = write("metrics.csv",
				HEADER + row(1, "2023-01", "10000,0.878347,0.434672,0.140853,0.7959,,0.757737,0.770597"));
		// when
		PeerAgreement.Comparison comparison = PeerAgreement.compare(
				PeerAgreement.read(write("pandas.out", PANDAS.lines().limit(1).findFirst().orElseThrow())),
				PeerAgreement.read(metrics));
		// then
		assertThat(comparison.agrees(1)).isFalse();
		assertThat(comparison.where()).isEqualTo("2023-01 model 0 precision");
	}

	@Test
	void aMalformedPeerLineIsRefusedNamingFileAndLine() throws IOException {
		// given
		Path broken = write("pandas.out", PANDAS.replace("2023-02,0,10000,0.871234", "2023-02,0,10000,oops"));
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAgreement.read(broken))
			.withMessageStartingWith(broken + ", line 3: not a number");
		Path shortLine = write("short.out", "2023-01,0,10000,0.5\n");
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAgreement.read(shortLine))
			.withMessageStartingWith(shortLine + ", line 1: expected month,model,n,roc_auc");
	}

	private static String row(int version, String period, String figures) {
		String[] f = figures.split(",", -1);
		// n, then positives and mean_score (not compared), roc_auc, average_precision
		// (not compared), the rest
		return "1,peers,peer-logit," + version + ",champion,abc," + period + ",PASS," + f[0] + ",4000,0.4," + f[1]
				+ ",0.8," + String.join(",", java.util.Arrays.copyOfRange(f, 2, f.length)) + "\n";
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.folder.resolve(name), text);
	}

}
