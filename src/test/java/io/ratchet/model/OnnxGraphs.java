package io.ratchet.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small ONNX models written by hand for tests: a minimal Protocol Buffers writer for the
 * few messages of {@code onnx.proto} a graph needs (model, graph, node, attribute,
 * tensor, value info), so tests can make graphs of any shape (inputs of every element
 * type, several inputs, odd outputs) without Python. Only what the tests use.
 */
public final class OnnxGraphs {

	/** {@code TensorProto.DataType} values. */
	public static final int FLOAT = 1;

	public static final int INT64 = 7;

	public static final int STRING = 8;

	public static final int DOUBLE = 11;

	private final List<Message> nodes = new ArrayList<>();

	private final List<Message> initializers = new ArrayList<>();

	private final List<Message> inputs = new ArrayList<>();

	private final List<Message> outputs = new ArrayList<>();

	private OnnxGraphs() {
	}

	/** An empty graph. */
	public static OnnxGraphs graph() {
		return new OnnxGraphs();
	}

	/**
	 * A graph input; each dimension is a {@code Long}/{@code Integer} (fixed) or a
	 * {@code String} (free).
	 */
	public OnnxGraphs input(String name, int type, Object... dims) {
		this.inputs.add(valueInfo(name, type, dims));
		return this;
	}

	/** A graph output, as {@link #input}. */
	public OnnxGraphs output(String name, int type, Object... dims) {
		this.outputs.add(valueInfo(name, type, dims));
		return this;
	}

	/** A node of the default domain. */
	public OnnxGraphs node(String op, List<String> in, List<String> out, Message... attributes) {
		return node("", op, in, out, attributes);
	}

	/** A node of a domain ({@code ai.onnx.ml} for the classical ML operators). */
	public OnnxGraphs node(String domain, String op, List<String> in, List<String> out, Message... attributes) {
		Message node = new Message();
		in.forEach((name) -> node.string(1, name));
		out.forEach((name) -> node.string(2, name));
		node.string(3, op + "_" + this.nodes.size());
		node.string(4, op);
		for (Message attribute : attributes) {
			node.message(5, attribute);
		}
		if (!domain.isEmpty()) {
			node.string(7, domain);
		}
		this.nodes.add(node);
		return this;
	}

	/** A constant float tensor. */
	public OnnxGraphs floats(String name, long[] dims, float... values) {
		ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			raw.putFloat(value);
		}
		this.initializers.add(tensor(name, FLOAT, dims, raw.array()));
		return this;
	}

	/** A constant int64 tensor. */
	public OnnxGraphs int64s(String name, long[] dims, long... values) {
		ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (long value : values) {
			raw.putLong(value);
		}
		this.initializers.add(tensor(name, INT64, dims, raw.array()));
		return this;
	}

	/**
	 * The model's bytes: IR version 8, opsets 17 (default domain) and 3
	 * ({@code ai.onnx.ml}).
	 */
	public byte[] bytes() {
		Message graph = new Message();
		this.nodes.forEach((node) -> graph.message(1, node));
		graph.string(2, "test");
		this.initializers.forEach((tensor) -> graph.message(5, tensor));
		this.inputs.forEach((input) -> graph.message(11, input));
		this.outputs.forEach((output) -> graph.message(12, output));
		Message model = new Message();
		model.varint(1, 8);
		model.string(2, "ratchet-tests");
		model.string(3, "1");
		model.message(7, graph);
		model.message(8, new Message().string(1, "").varint(2, 17));
		model.message(8, new Message().string(1, "ai.onnx.ml").varint(2, 3));
		return model.toBytes();
	}

	/** Writes the model to a file. */
	public Path write(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.write(file, bytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An int attribute. */
	public static Message intAttribute(String name, long value) {
		return new Message().string(1, name).varint(20, 2).varint(3, value);
	}

	/** A float attribute. */
	public static Message floatAttribute(String name, float value) {
		return new Message().string(1, name).varint(20, 1).fixed32(2, Float.floatToIntBits(value));
	}

	/** A list-of-floats attribute. */
	public static Message floatsAttribute(String name, float... values) {
		Message attribute = new Message().string(1, name).varint(20, 6);
		for (float value : values) {
			attribute.fixed32(7, Float.floatToIntBits(value));
		}
		return attribute;
	}

	/** A string attribute. */
	public static Message stringAttribute(String name, String value) {
		return new Message().string(1, name).varint(20, 3).string(4, value);
	}

	/** A list-of-ints attribute. */
	public static Message intsAttribute(String name, long... values) {
		Message attribute = new Message().string(1, name).varint(20, 7);
		for (long value : values) {
			attribute.varint(8, value);
		}
		return attribute;
	}

	/** A list-of-strings attribute. */
	public static Message stringsAttribute(String name, String... values) {
		Message attribute = new Message().string(1, name).varint(20, 8);
		for (String value : values) {
			attribute.string(9, value);
		}
		return attribute;
	}

	/**
	 * The logistic model {@code sigmoid(w · x + b)} over a float input
	 * {@code [rows, w.length]} named {@code input}, with NaN replaced by
	 * {@code impute[i]} first (as a scikit-learn pipeline's imputer does), and two
	 * outputs: {@code label} (int64, 1 when the probability is at least 0.5) and
	 * {@code probabilities} ({@code [rows, 2]}: the negative class, then the positive
	 * class), the shape of a converted scikit-learn classifier.
	 */
	public static OnnxGraphs logistic(float[] weights, float bias, float[] impute) {
		int k = weights.length;
		return graph().input("input", FLOAT, "N", k)
			.floats("impute", new long[] { k }, impute)
			.floats("w", new long[] { k, 1 }, weights)
			.floats("b", new long[] { 1 }, bias)
			.floats("one", new long[] { 1 }, 1f)
			.floats("half", new long[] { 1 }, 0.5f)
			.node("IsNaN", List.of("input"), List.of("nan"))
			.node("Where", List.of("nan", "impute", "input"), List.of("x"))
			.node("MatMul", List.of("x", "w"), List.of("xw"))
			.node("Add", List.of("xw", "b"), List.of("z"))
			.node("Sigmoid", List.of("z"), List.of("p"))
			.node("Sub", List.of("one", "p"), List.of("q"))
			.node("Concat", List.of("q", "p"), List.of("probabilities"), intAttribute("axis", 1))
			.node("GreaterOrEqual", List.of("p", "half"), List.of("positive"))
			.node("Cast", List.of("positive"), List.of("label2"), intAttribute("to", INT64))
			.int64s("flat", new long[] { 1 }, -1)
			.node("Reshape", List.of("label2", "flat"), List.of("label"))
			.output("label", INT64, "N")
			.output("probabilities", FLOAT, "N", 2);
	}

	private static Message valueInfo(String name, int type, Object... dims) {
		Message shape = new Message();
		for (Object dim : dims) {
			Message dimension = new Message();
			if (dim instanceof String param) {
				dimension.string(2, param);
			}
			else {
				dimension.varint(1, ((Number) dim).longValue());
			}
			shape.message(1, dimension);
		}
		Message tensorType = new Message().varint(1, type).message(2, shape);
		return new Message().string(1, name).message(2, new Message().message(1, tensorType));
	}

	private static Message tensor(String name, int type, long[] dims, byte[] raw) {
		Message tensor = new Message();
		for (long dim : dims) {
			tensor.varint(1, dim);
		}
		tensor.varint(2, type);
		tensor.string(8, name);
		tensor.bytes(9, raw);
		return tensor;
	}

	/** A Protocol Buffers message being written: fields in the order added. */
	public static final class Message {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Message varint(int field, long value) {
			tag(field, 0);
			raw(value);
			return this;
		}

		Message fixed32(int field, int value) {
			tag(field, 5);
			for (int i = 0; i < 4; i++) {
				this.out.write((value >>> (8 * i)) & 0xff);
			}
			return this;
		}

		Message bytes(int field, byte[] value) {
			tag(field, 2);
			raw(value.length);
			this.out.writeBytes(value);
			return this;
		}

		Message string(int field, String value) {
			return bytes(field, value.getBytes(StandardCharsets.UTF_8));
		}

		Message message(int field, Message value) {
			return bytes(field, value.toBytes());
		}

		byte[] toBytes() {
			return this.out.toByteArray();
		}

		private void tag(int field, int wireType) {
			raw(((long) field << 3) | wireType);
		}

		private void raw(long value) {
			long v = value;
			while ((v & ~0x7FL) != 0) {
				this.out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			this.out.write((int) v);
		}

	}

}
