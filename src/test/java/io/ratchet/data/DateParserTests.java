package io.ratchet.data;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RowParser.DateParser} reading dates from bytes ({@link FixedDateLayout}) against
 * {@link LocalDate#parse} with the strict formatter of the same pattern, on seeded random
 * dates and on bad forms made from them.
 */
class DateParserTests {

	private static final String[] BAD_FORMS = { "", " ", "2012-1-05", "12-01-05", "2012/01/05", "2012-13-01",
			"2012-00-10", "2012-02-30", "2011-02-29", "2012-04-31", "2012-01-32", "2012-01-00", "20x2-01-05",
			"2012-01-05 ", " 2012-01-05", "+2012-01-05", "-2012-01-05", "2012-01-05T10:00", "05/01/2012",
			"2012-01-05 24:00:00", "2012-01-05 23:60:00", "2012-01-05 23:59:60", "2012-01-05 7:00:00", "20120105",
			"2012-01-05'T'10:00", "2012-01-05T24:00", "2012-01-05t10:00", "０１/01/2012", "2012-01-0５", "12345-01-05",
			"2012-01-05 10:00:00.5", "NA" };

	@ParameterizedTest
	@ValueSource(strings = { "yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "yyyyMMdd", "uuuu.MM.dd", "yyyy-MM-dd HH:mm:ss",
			"yyyy-MM-dd'T'HH:mm", "dd.MM.yyyy HH:mm" })
	void readsRandomDatesFromBytesAsTheFormatterDoes(String pattern) {
		// given: the parser of the pattern, and the strict formatter it stands for
		RowParser.DateParser parser = new RowParser.DateParser(pattern);
		DateTimeFormatter formatter = strict(pattern);
		FixedDateLayout byHand = FixedDateLayout.of(pattern.replace('y', 'u'));
		SplittableRandom random = new SplittableRandom(pattern.hashCode());
		for (int i = 0; i < 20_000; i++) {
			LocalDateTime time = LocalDateTime.of(random.nextInt(1, 10_000), random.nextInt(1, 13), 1,
					random.nextInt(24), random.nextInt(60), random.nextInt(60));
			time = time.withDayOfMonth(random.nextInt(1, time.toLocalDate().lengthOfMonth() + 1));
			String text = formatter.format(time);

			// when
			LocalDate read = parseBytes(parser, text);

			// then: the date the formatter reads, from the bytes (by hand, not through
			// the
			// formatter) and from the text
			assertThat(read).as(text).isEqualTo(LocalDate.parse(text, formatter)).isEqualTo(time.toLocalDate());
			assertThat(byHand.parse(text)).as(text).isEqualTo(read);
			assertThat(parser.parse(text)).as(text).isEqualTo(read);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "yyyy-MM-dd", "dd/MM/yyyy", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm" })
	void refusesWhatTheFormatterRefusesAndReadsWhatItReads(String pattern) {
		// given: fixed bad forms, and random dates with one character changed
		RowParser.DateParser parser = new RowParser.DateParser(pattern);
		DateTimeFormatter formatter = strict(pattern);
		FixedDateLayout byHand = FixedDateLayout.of(pattern.replace('y', 'u'));
		SplittableRandom random = new SplittableRandom(pattern.hashCode() + 1);
		String alphabet = "0123456789-/: T'x9+";
		for (int i = 0; i < BAD_FORMS.length + 20_000; i++) {
			String text;
			if (i < BAD_FORMS.length) {
				text = BAD_FORMS[i];
			}
			else {
				LocalDateTime time = LocalDateTime.of(random.nextInt(1900, 2100), random.nextInt(1, 13),
						random.nextInt(1, 29), random.nextInt(24), random.nextInt(60), random.nextInt(60));
				char[] chars = formatter.format(time).toCharArray();
				chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
				text = new String(chars);
			}

			// when
			LocalDate read = parseBytes(parser, text);

			// then: a date exactly when the formatter reads one, the same date; by hand,
			// that date or none (then the formatter is asked)
			LocalDate expected = formatterOrNull(text, formatter);
			assertThat(read).as("'%s' as %s", text, pattern).isEqualTo(expected);
			assertThat(parser.parse(text)).as(text).isEqualTo(read);
			LocalDate fast = byHand.parse(text);
			assertThat(fast == null || fast.equals(expected)).as("'%s' by hand: %s", text, fast).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "d/M/yyyy", "yy-MM-dd", "dd MMM yyyy", "yyyy-MM-dd HH:mm:ssXXX", "yyyy-MM-dd[ HH:mm]",
			"yyyy-MM-dd'T'''", "yyyy-ww" })
	void leavesOtherPatternsToTheFormatter(String pattern) {
		// when / then
		assertThat(FixedDateLayout.of(pattern.replace('y', 'u'))).isNull();
	}

	private static LocalDate parseBytes(RowParser.DateParser parser, String text) {
		byte[] padded = ("x," + text + ",y").getBytes(StandardCharsets.UTF_8);
		return parser.parse(padded, 2, padded.length - 2);
	}

	private static DateTimeFormatter strict(String pattern) {
		return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ENGLISH)
			.withResolverStyle(ResolverStyle.STRICT);
	}

	private static LocalDate formatterOrNull(String text, DateTimeFormatter formatter) {
		try {
			return LocalDate.parse(text, formatter);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
