package io.ratchet.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * The imaginary subscription business behind the demo: who the customers of a month are
 * and whether they churn.
 * <p>
 * Until the drift starts, churn follows one logistic relationship (short tenure, many
 * support tickets, little use, long absence, the basic plan and paying by invoice raise
 * it). In the last {@link #DRIFT_MONTHS} months a price rise changes the business:
 * charges go up, the price becomes what drives churn, support tickets matter far less,
 * premium customers are no longer the loyal ones and the base rate rises. The price
 * explains churn so well that the drifted months are easier to predict than the earlier
 * ones for a model that learnt them: a model trained before the drift ranks customers
 * clearly worse afterwards, while one trained on the first drifted months meets the old
 * requirements again (the challenge job's demo story: a new candidate beats the drifting
 * champion and is promoted).
 * <p>
 * Every random draw comes from a {@link Random} seeded per month from the dataset seed,
 * and only {@link StrictMath} is used, so the same seed gives the same records on every
 * JVM and platform.
 */
final class ChurnWorld {

	/** Months at the end of the history in which the relationship has drifted. */
	static final int DRIFT_MONTHS = 4;

	/**
	 * Months just before the drift in which {@link #FADING_REGION}'s customers churn for
	 * reasons the data does not show (a competitor's offer there, until the price rise
	 * changes every region): the champion's figure in that region falls while its overall
	 * figure still meets its bound.
	 */
	static final int REGION_FADE_MONTHS = 4;

	/** The region whose churn the features explain less and less. */
	static final String FADING_REGION = "south";

	/**
	 * How much of the usual relationship is left in {@link #FADING_REGION}'s churn in the
	 * fading months.
	 */
	private static final double REGION_FADE = 0.4;

	/** Days at the end of the last month whose outcome is not known yet (label delay). */
	static final int LABEL_DELAY_DAYS = 10;

	/**
	 * The typical new customer of a partner's campaign in the last
	 * {@link #LABEL_DELAY_DAYS} days (tenure, charges unused, tickets, usage, days since
	 * login): the customers awaiting their labels resemble it, so their scores gather in
	 * the uncertain middle.
	 */
	private static final double[] CAMPAIGN_CUSTOMER = { 10, Double.NaN, 2, 20, 14 };

	/** How much of a campaign customer's own difference from the typical one is left. */
	private static final double CAMPAIGN_SPREAD = 0.25;

	static final int TENURE = 0;

	static final int CHARGES = 1;

	static final int TICKETS = 2;

	static final int USAGE = 3;

	static final int LOGIN = 4;

	static final int PLAN = 5;

	static final int REGION = 6;

	static final int PAYMENT = 7;

	/** The feature columns, in file order; indices are the constants above. */
	static final List<Feature> FEATURES = List.of(new Feature("tenure_months", FeatureType.NUMERIC),
			new Feature("monthly_charges", FeatureType.NUMERIC), new Feature("support_tickets", FeatureType.NUMERIC),
			new Feature("usage_hours", FeatureType.NUMERIC), new Feature("days_since_login", FeatureType.NUMERIC),
			new Feature("plan", FeatureType.CATEGORICAL), new Feature("region", FeatureType.CATEGORICAL),
			new Feature("payment_method", FeatureType.CATEGORICAL));

	/**
	 * Decimals written for each numeric feature (values are rounded to them when drawn).
	 */
	static final int[] DECIMALS = { 0, 2, 0, 1, 0 };

	private final long seed;

	ChurnWorld(long seed) {
		this.seed = seed;
	}

	/**
	 * The customers whose outcome is observed in one month, sorted by date then id.
	 * @param month the calendar month
	 * @param index the month's position in the history (0 = first)
	 * @param months the length of the history; the last {@link #DRIFT_MONTHS} have
	 * drifted
	 * @param firstId the number of the month's first customer id, written after a
	 * {@code C}; ids are unique over the history
	 */
	List<Customer> month(YearMonth month, int index, int months, int firstId) {
		Random random = new Random(mix(this.seed, index));
		boolean drifted = index >= months - DRIFT_MONTHS;
		boolean fading = !drifted && index >= months - DRIFT_MONTHS - REGION_FADE_MONTHS;
		boolean last = index == months - 1;
		int count = 1380 + 10 * index + random.nextInt(81);
		List<Customer> customers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			LocalDate date = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
			double[] numbers = new double[FEATURES.size()];
			String[] levels = new String[FEATURES.size()];
			for (int j = PLAN; j < numbers.length; j++) {
				numbers[j] = Double.NaN;
			}
			draw(random, drifted, numbers, levels);
			boolean delayed = last && date.getDayOfMonth() > month.lengthOfMonth() - LABEL_DELAY_DAYS;
			if (delayed) {
				campaign(numbers);
			}
			double z = logit(numbers, levels, drifted);
			if (fading && FADING_REGION.equals(levels[REGION])) {
				// the same base rate, a much weaker link to the features
				z = BASE_LOGIT + REGION_FADE * (z - BASE_LOGIT);
			}
			boolean churned = random.nextDouble() < sigmoid(z);
			double label = delayed ? Double.NaN : (churned ? 1 : 0);
			String id = "C" + (firstId + i);
			customers.add(new Customer(id, new Row(0, date, label, numbers, levels)));
		}
		customers.sort(Comparator.comparing((Customer customer) -> customer.row().date()).thenComparing(Customer::id));
		List<Customer> numbered = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Customer customer = customers.get(i);
			Row row = customer.row();
			numbered
				.add(new Customer(customer.id(), new Row(i + 2, row.date(), row.label(), row.numbers(), row.levels())));
		}
		return numbered;
	}

	private static void draw(Random random, boolean drifted, double[] numbers, String[] levels) {
		double u = random.nextDouble();
		String plan = (u < 0.45) ? "basic" : (u < 0.80) ? "standard" : "premium";
		levels[PLAN] = plan;
		u = random.nextDouble();
		levels[REGION] = (u < 0.015) ? null
				: (u < 0.29) ? "north" : (u < 0.53) ? "south" : (u < 0.79) ? "east" : "west";
		u = random.nextDouble();
		levels[PAYMENT] = (u < 0.5) ? "card" : (u < 0.7) ? "invoice" : "direct_debit";
		numbers[TENURE] = StrictMath.min(72, 1 + StrictMath.floor(-StrictMath.log(1 - random.nextDouble()) * 22));
		double price = switch (plan) {
			case "basic" -> 25;
			case "standard" -> 55;
			default -> 90;
		};
		// the price rise of the drift months: dearer plans rise more
		double rise = drifted ? ((plan.equals("basic")) ? 1.04 : 1.15) : 1.0;
		numbers[CHARGES] = round(StrictMath.max(9.99, price * rise + 6 * random.nextGaussian()), 2);
		numbers[TICKETS] = StrictMath.min(12, poisson(random, plan.equals("basic") ? 1.5 : 1.0));
		double usage = StrictMath.exp(StrictMath.log(plan.equals("premium") ? 34 : 26) + 0.5 * random.nextGaussian());
		numbers[USAGE] = round(StrictMath.min(300, usage), 1);
		double absence = -StrictMath.log(1 - random.nextDouble()) * (2 + 120 / (usage + 5));
		numbers[LOGIN] = StrictMath.min(90, StrictMath.floor(absence));
		// missing values are drawn after the churn-relevant values so that the label does
		// not depend on them
		if (random.nextDouble() < 0.03) {
			numbers[USAGE] = Double.NaN;
		}
		if (random.nextDouble() < 0.035) {
			numbers[LOGIN] = Double.NaN;
		}
	}

	/**
	 * The covariate shift of the rows awaiting labels: each numeric value but the charges
	 * is pulled towards {@link #CAMPAIGN_CUSTOMER}'s (a missing one stays missing). Only
	 * who the customers are changes, not why they churn: the champion's scores stay as
	 * calibrated as before, but crowd the middle, where it ranks badly.
	 */
	private static void campaign(double[] numbers) {
		for (int f = TENURE; f < PLAN; f++) {
			if (!Double.isNaN(CAMPAIGN_CUSTOMER[f]) && !Double.isNaN(numbers[f])) {
				double pulled = CAMPAIGN_CUSTOMER[f] + CAMPAIGN_SPREAD * (numbers[f] - CAMPAIGN_CUSTOMER[f]);
				numbers[f] = round(pulled, DECIMALS[f]);
			}
		}
	}

	/** The log-odds of churn of a typical customer before the drift. */
	private static final double BASE_LOGIT = -1.6;

	/** The log-odds of churn; a missing value counts as a typical one. */
	private static double logit(double[] numbers, String[] levels, boolean drifted) {
		double tenure = numbers[TENURE];
		double tickets = numbers[TICKETS];
		double usage = Double.isNaN(numbers[USAGE]) ? 28 : numbers[USAGE];
		double login = Double.isNaN(numbers[LOGIN]) ? 8 : numbers[LOGIN];
		double z = BASE_LOGIT - 0.045 * (tenure - 20) - 0.025 * (usage - 28) + 0.045 * (login - 8);
		z += switch (levels[PLAN]) {
			case "basic" -> 0.25;
			case "standard" -> 0.0;
			default -> drifted ? 0.0 : -0.35;
		};
		z += switch (levels[PAYMENT]) {
			case "invoice" -> 0.45;
			case "direct_debit" -> -0.35;
			default -> 0.0;
		};
		if (drifted) {
			z += -0.3 + 0.05 * (numbers[CHARGES] - 50) + 0.25 * (tickets - 1.2);
		}
		else {
			z += 0.65 * (tickets - 1.2);
		}
		return z;
	}

	static double sigmoid(double z) {
		if (z >= 0) {
			return 1 / (1 + StrictMath.exp(-z));
		}
		double e = StrictMath.exp(z);
		return e / (1 + e);
	}

	static double round(double value, int decimals) {
		double factor = StrictMath.pow(10, decimals);
		return StrictMath.round(value * factor) / factor;
	}

	/** Knuth's multiplication method: fine for the small means used here. */
	private static double poisson(Random random, double mean) {
		double limit = StrictMath.exp(-mean);
		double product = random.nextDouble();
		int k = 0;
		while (product > limit) {
			product *= random.nextDouble();
			k++;
		}
		return k;
	}

	/**
	 * SplitMix64's finaliser over the seed and the month index: independent streams per
	 * month.
	 */
	private static long mix(long seed, int index) {
		long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/**
	 * One customer of a month: its id and its record (features, event date, label; NaN
	 * label = not known yet).
	 */
	record Customer(String id, Row row) {
	}

}
