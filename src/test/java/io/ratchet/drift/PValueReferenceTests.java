package io.ratchet.drift;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift p-values against SciPy 1.17.1:
 * {@code src/test/resources/drift/pvalues-scipy.csv}, written by
 * {@code python3 src/test/python/drift_pvalues_reference.py} (see its header for the
 * columns). Exact KS p-values agree to 1e-12, asymptotic ones and the Kolmogorov
 * distribution to 1e-9, chi-squared p-values to 1e-12.
 */
class PValueReferenceTests {

	private static List<String[]> rows(String kind) throws IOException {
		try (InputStream in = PValueReferenceTests.class.getResourceAsStream("/drift/pvalues-scipy.csv")) {
			assertThat(in).as("src/test/resources/drift/pvalues-scipy.csv").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map((line) -> line.split(","))
				.filter((fields) -> fields[0].equals(kind))
				.toList();
		}
	}

	/** Value i is {@code ((i·step + offset) % modulus) / divisor + shift}. */
	static double[] sample(int size, String formula) {
		String[] parts = formula.split(":");
		long step = Long.parseLong(parts[0]);
		long offset = Long.parseLong(parts[1]);
		long modulus = Long.parseLong(parts[2]);
		double divisor = Double.parseDouble(parts[3]);
		double shift = Double.parseDouble(parts[4]);
		double[] values = new double[size];
		for (int i = 0; i < size; i++) {
			values[i] = ((i * step + offset) % modulus) / divisor + shift;
		}
		return values;
	}

	private static double[] counts(String field) {
		return Arrays.stream(field.split(";")).mapToDouble(Double::parseDouble).toArray();
	}

	@Test
	void twoSampleKsMatchesScipyKs2sampAuto() throws IOException {
		// given
		List<String[]> cases = rows("ks2");
		assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
		for (String[] row : cases) {
			double[] first = sample(Integer.parseInt(row[2]), row[3]);
			double[] second = sample(Integer.parseInt(row[4]), row[5]);

			// when
			KolmogorovSmirnov.Test test = KolmogorovSmirnov.test(first, second);

			// then
			KolmogorovSmirnov.Method method = KolmogorovSmirnov.Method.valueOf(row[8]);
			double tolerance = (method == KolmogorovSmirnov.Method.EXACT) ? 1e-12 : 1e-9;
			assertThat(test.method()).as(row[1]).isEqualTo(method);
			assertThat(test.statistic()).as(row[1]).isCloseTo(Double.parseDouble(row[6]), within(1e-15));
			assertThat(test.pValue()).as(row[1]).isCloseTo(Double.parseDouble(row[7]), within(tolerance));
		}
	}

	@Test
	void kolmogorovDistributionMatchesScipyKstwoOnEveryBranch() throws IOException {
		// given
		List<String[]> cases = rows("kstwo");
		assertThat(cases).hasSizeGreaterThan(90);
		for (String[] row : cases) {
			long n = Long.parseLong(row[1]);
			double x = Double.parseDouble(row[2]);

			// when
			double p = KolmogorovDistribution.sf(n, x);

			// then
			assertThat(p).as("n=%d x=%s", n, x).isCloseTo(Double.parseDouble(row[3]), within(1e-9));
		}
	}

	@Test
	void chiSquaredMatchesScipyChi2ContingencyWithoutCorrection() throws IOException {
		// given
		List<String[]> cases = rows("chi2");
		assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
		for (String[] row : cases) {
			// when
			ChiSquared.Test test = ChiSquared.test(counts(row[1]), counts(row[2]));

			// then
			double expected = Double.parseDouble(row[4]);
			assertThat(test.degreesOfFreedom()).as(row[1]).isEqualTo(Integer.parseInt(row[5]));
			assertThat(test.statistic()).as(row[1]).isCloseTo(Double.parseDouble(row[3]), within(1e-9));
			assertThat(test.pValue()).as(row[1])
				.isCloseTo(expected, within(1e-12))
				.isCloseTo(expected, within(1e-9 * expected));
		}
	}

}
