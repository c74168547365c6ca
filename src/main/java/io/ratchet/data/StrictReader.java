package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes into characters without ever replacing what cannot be decoded by U+FFFD.
 * <p>
 * The decoder reports every malformed or unmappable byte
 * ({@link CodingErrorAction#REPORT}); each such byte is then passed on as
 * {@link #INVALID} followed by its two hex digits. {@code INVALID} is a lone low
 * surrogate, which no correct decoding produces, and neither it nor hex digits mean
 * anything to the CSV syntax, so the record structure stays intact and the reader of a
 * record can tell exactly which of its fields held undecodable bytes (and which): see
 * {@link #invalidBytes(String)}. Such a record is rejected; the marker never reaches a
 * month file.
 * <p>
 * A byte order mark decides the encoding (UTF-8, UTF-16BE or UTF-16LE) whatever was
 * configured, and is dropped.
 */
final class StrictReader extends Reader {

	/**
	 * Marks an undecodable byte: a lone low surrogate, followed by the byte in two hex
	 * digits.
	 */
	static final char INVALID = '\uDFFF';

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final InputStream in;

	private final Charset charset;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();

	private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();

	private boolean endOfInput;

	private boolean flushed;

	private long invalid;

	private StrictReader(InputStream in, Charset charset) {
		this.in = in;
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/**
	 * A reader of the stream in its byte order mark's encoding, or else in
	 * {@code configured}.
	 * @param in the bytes; closed with the reader
	 * @param configured the encoding of a stream without a byte order mark
	 */
	static StrictReader open(InputStream in, Charset configured) throws IOException {
		// no BufferedInputStream: it asks the stream what is available, which a pipe
		// cannot answer ("Illegal seek")
		PushbackInputStream pushback = new PushbackInputStream(in, 3);
		byte[] start = pushback.readNBytes(3);
		int b0 = (start.length > 0) ? start[0] & 0xFF : -1;
		int b1 = (start.length > 1) ? start[1] & 0xFF : -1;
		int b2 = (start.length > 2) ? start[2] & 0xFF : -1;
		Charset charset = configured;
		int bom = 0;
		if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
			charset = StandardCharsets.UTF_8;
			bom = 3;
		}
		else if (b0 == 0xFE && b1 == 0xFF) {
			charset = StandardCharsets.UTF_16BE;
			bom = 2;
		}
		else if (b0 == 0xFF && b1 == 0xFE) {
			charset = StandardCharsets.UTF_16LE;
			bom = 2;
		}
		pushback.unread(start, bom, start.length - bom);
		return new StrictReader(pushback, charset);
	}

	/** The encoding the bytes are decoded with. */
	Charset charset() {
		return this.charset;
	}

	/** How many undecodable bytes were passed on so far (as {@link #INVALID} markers). */
	long invalidCount() {
		return this.invalid;
	}

	/**
	 * The undecodable bytes of a text read through this class, as {@code \xFC\x80}, or
	 * {@code null} when it has none.
	 */
	static String invalidBytes(String text) {
		int at = text.indexOf(INVALID);
		if (at < 0) {
			return null;
		}
		StringBuilder found = new StringBuilder();
		for (; at >= 0; at = text.indexOf(INVALID, at + 1)) {
			found.append("\\x").append(text, at + 1, Math.min(at + 3, text.length()));
		}
		return found.toString();
	}

	/**
	 * The text with every marker written as {@code \xHH}, for people to read (quarantine
	 * files).
	 */
	static String readable(String text) {
		return (text.indexOf(INVALID) < 0) ? text : text.replace(String.valueOf(INVALID), "\\x");
	}

	/**
	 * Decodes {@code bytes[from, to)} as this class would (each byte that cannot be
	 * decoded as {@link #INVALID} and its two hex digits), with a decoder of the same
	 * settings as this class's (malformed and unmappable input reported).
	 */
	static String decode(CharsetDecoder decoder, byte[] bytes, int from, int to) {
		ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
		CharBuffer out = CharBuffer.allocate(3 * (to - from) + 1);
		decoder.reset();
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (!result.isError()) {
				decoder.flush(out);
				return out.flip().toString();
			}
			for (int i = 0; i < result.length(); i++) {
				int b = in.get() & 0xFF;
				out.put(INVALID).put(HEX[b >>> 4]).put(HEX[b & 0xF]);
			}
		}
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (!this.chars.hasRemaining() && !fill()) {
			return -1;
		}
		int n = Math.min(length, this.chars.remaining());
		this.chars.get(target, offset, n);
		return n;
	}

	/**
	 * Decodes at least one character into the empty buffer; {@code false} at the end of
	 * the input.
	 */
	private boolean fill() throws IOException {
		this.chars.clear();
		while (this.chars.position() == 0 && !this.flushed) {
			if (!this.endOfInput) {
				this.bytes.compact();
				int n = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
				if (n < 0) {
					this.endOfInput = true;
				}
				else {
					this.bytes.position(this.bytes.position() + n);
				}
				this.bytes.flip();
			}
			decode();
		}
		this.chars.flip();
		return this.chars.hasRemaining();
	}

	/**
	 * Decodes what the byte buffer holds, until it needs more bytes or the character
	 * buffer is full.
	 */
	private void decode() {
		while (true) {
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
			if (result.isError()) {
				if (this.chars.remaining() < 3 * result.length()) {
					return;
				}
				for (int i = 0; i < result.length(); i++) {
					int b = this.bytes.get() & 0xFF;
					this.chars.put(INVALID).put(HEX[b >>> 4]).put(HEX[b & 0xF]);
					this.invalid++;
				}
			}
			else if (result.isOverflow()) {
				return;
			}
			else {
				if (this.endOfInput) {
					this.flushed = !this.decoder.flush(this.chars).isOverflow();
				}
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
