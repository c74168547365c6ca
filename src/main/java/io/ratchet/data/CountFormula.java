package io.ratchet.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpModulus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.OperatorPower;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * A metric of the user's own: a formula over a period's counts, written in a dataset's
 * {@code metrics:} (e.g. {@code net_saves: "(tp * 40 - fp * 5) / n"}). It is a Spring
 * expression (SpEL) limited to numbers, the count names, arithmetic
 * ({@code + - * / % ^}), comparisons, {@code and or not} and {@code a ? b : c}; it is
 * checked when the configuration is read, so a method call, a type ({@code T(...)}), a
 * constructor ({@code new ...}), a bean ({@code @name}), a variable or an unknown name is
 * refused there. Evaluation runs in
 * {@link SimpleEvaluationContext#forReadOnlyDataBinding()} as a second barrier: no types,
 * constructors, bean references or method calls, read-only properties of {@link Counts}.
 *
 * <p>
 * The counts are doubles, so {@code tp / n} divides as a person would expect (not in
 * integers); a division by zero gives no figure (the metric is absent for that period).
 */
public final class CountFormula {

	/** The names a binary dataset's formula may use. */
	public static final List<String> BINARY_NAMES = List.of("tp", "fp", "tn", "fn", "n", "positives", "business_value");

	/** The names a regression dataset's formula may use. */
	public static final List<String> REGRESSION_NAMES = List.of("n", "business_value");

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	/** The node types a formula may hold besides names. */
	private static final Set<Class<?>> ALLOWED = Set.of(IntLiteral.class, LongLiteral.class, RealLiteral.class,
			FloatLiteral.class, OpPlus.class, OpMinus.class, OpMultiply.class, OpDivide.class, OpModulus.class,
			OperatorPower.class, OpLT.class, OpLE.class, OpGT.class, OpGE.class, OpEQ.class, OpNE.class, OpAnd.class,
			OpOr.class, OperatorNot.class, Ternary.class, PropertyOrFieldReference.class);

	private final String name;

	private final String text;

	private final boolean higherIsBetter;

	private final SpelExpression expression;

	private CountFormula(String name, String text, boolean higherIsBetter, SpelExpression expression) {
		this.name = name;
		this.text = text;
		this.higherIsBetter = higherIsBetter;
		this.expression = expression;
	}

	/**
	 * Parses and checks a formula.
	 * @param name the metric's name
	 * @param text the formula as written
	 * @param higherIsBetter the metric's direction
	 * @param names the count names the dataset has ({@link #BINARY_NAMES} or
	 * {@link #REGRESSION_NAMES}, without {@code business_value} when it has no value
	 * matrix)
	 * @throws IllegalArgumentException with the cause, for the caller to place in its
	 * file and line
	 */
	public static CountFormula parse(String name, String text, boolean higherIsBetter, List<String> names) {
		SpelExpression expression;
		try {
			expression = (SpelExpression) PARSER.parseRaw(text);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("formula \"" + text + "\" does not parse: " + ex.getSimpleMessage());
		}
		check(expression.getAST(), text, names);
		CountFormula formula = new CountFormula(name, text, higherIsBetter, expression);
		Object trial;
		try {
			trial = formula.value(new Counts(1, 1, 1, 1, 4, 2, 1));
		}
		catch (EvaluationException ex) {
			throw new IllegalArgumentException("formula \"" + text + "\" cannot be evaluated: " + ex.getMessage());
		}
		if (!(trial instanceof Number)) {
			throw new IllegalArgumentException("formula \"" + text + "\" gives "
					+ ((trial instanceof Boolean) ? "true or false" : String.valueOf(trial)) + ", not a number");
		}
		return formula;
	}

	/**
	 * Refuses every node that is not a number, a known name or an operator, naming the
	 * worst kind first (a method, type, constructor or bean).
	 */
	private static void check(SpelNode root, String text, List<String> names) {
		List<SpelNode> nodes = new ArrayList<>();
		collect(root, nodes);
		for (SpelNode node : nodes) {
			String refused = refusal(node);
			if (refused != null) {
				throw new IllegalArgumentException(
						"formula \"" + text + "\" " + refused + ", which a formula may not (only numbers, "
								+ String.join(", ", names) + ", + - * / % ^, comparisons, and/or/not and a ? b : c)");
			}
		}
		for (SpelNode node : nodes) {
			if (node instanceof PropertyOrFieldReference reference && !names.contains(reference.getName())) {
				throw new IllegalArgumentException("formula \"" + text + "\" names \"" + reference.getName()
						+ "\", which is not a count of this dataset (known: " + String.join(", ", names) + ")");
			}
			if (!ALLOWED.contains(node.getClass())) {
				throw new IllegalArgumentException(
						"formula \"" + text + "\" uses " + describe(node) + ", which a formula may not (only numbers, "
								+ String.join(", ", names) + ", + - * / % ^, comparisons, and/or/not and a ? b : c)");
			}
		}
	}

	private static String refusal(SpelNode node) {
		if (node instanceof MethodReference method) {
			return "calls a method (" + method.getName() + ")";
		}
		if (node instanceof TypeReference) {
			return "uses a type (T(...))";
		}
		if (node instanceof ConstructorReference) {
			return "constructs an object (new ...)";
		}
		if (node instanceof BeanReference) {
			return "refers to a bean (@...)";
		}
		if (node instanceof FunctionReference || node instanceof VariableReference) {
			return "uses a variable or function (#...)";
		}
		return null;
	}

	private static String describe(SpelNode node) {
		return "'" + node.toStringAST() + "' (" + node.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")";
	}

	private static void collect(SpelNode node, List<SpelNode> nodes) {
		nodes.add(node);
		for (int i = 0; i < node.getChildCount(); i++) {
			collect(node.getChild(i), nodes);
		}
	}

	/**
	 * The formula's value for these counts, or NaN when it gives no number (a division by
	 * zero gives an infinity, which callers also treat as no figure).
	 */
	public double evaluate(Counts counts) {
		Object value = value(counts);
		return (value instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

	private Object value(Counts counts) {
		EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().withRootObject(counts).build();
		return this.expression.getValue(context);
	}

	/** The metric's name, e.g. {@code net_saves}. */
	public String name() {
		return this.name;
	}

	/** The formula as written. */
	public String text() {
		return this.text;
	}

	/** Whether a higher value is better ({@code better: higher}, the default). */
	public boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	@Override
	public String toString() {
		return this.name + " = " + this.text;
	}

	/**
	 * The counts a formula reads, as read-only properties (public getters, because the
	 * read-only data binding reads JavaBean properties): the confusion matrix at the
	 * threshold, the labelled rows, the positives and the business value (NaN when the
	 * dataset has none; a formula naming it is refused then).
	 */
	public static final class Counts {

		private final double tp;

		private final double fp;

		private final double tn;

		private final double fn;

		private final double n;

		private final double positives;

		private final double businessValue;

		public Counts(double tp, double fp, double tn, double fn, double n, double positives, double businessValue) {
			this.tp = tp;
			this.fp = fp;
			this.tn = tn;
			this.fn = fn;
			this.n = n;
			this.positives = positives;
			this.businessValue = businessValue;
		}

		public double getTp() {
			return this.tp;
		}

		public double getFp() {
			return this.fp;
		}

		public double getTn() {
			return this.tn;
		}

		public double getFn() {
			return this.fn;
		}

		public double getN() {
			return this.n;
		}

		public double getPositives() {
			return this.positives;
		}

		/** {@code business_value} in a formula. */
		public double getBusiness_value() {
			return this.businessValue;
		}

	}

}
