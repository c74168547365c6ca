package io.ratchet.metrics;

/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is
 * kept in a second term, so the total stays accurate to about one rounding however many
 * terms (and merged partial sums) go into it. Not thread-safe.
 */
final class CompensatedSum {

	private double sum;

	private double compensation;

	CompensatedSum() {
	}

	CompensatedSum(double sum, double compensation) {
		this.sum = sum;
		this.compensation = compensation;
	}

	void add(double value) {
		double total = this.sum + value;
		if (Math.abs(this.sum) >= Math.abs(value)) {
			this.compensation += (this.sum - total) + value;
		}
		else {
			this.compensation += (value - total) + this.sum;
		}
		this.sum = total;
	}

	/**
	 * Adds another sum's total, carrying its compensation along (works when {@code other}
	 * is this sum).
	 */
	void add(CompensatedSum other) {
		double otherSum = other.sum;
		double otherCompensation = other.compensation;
		add(otherSum);
		add(otherCompensation);
	}

	double value() {
		return this.sum + this.compensation;
	}

	/** The raw running sum, for serialisation. */
	double rawSum() {
		return this.sum;
	}

	/** The raw compensation term, for serialisation. */
	double rawCompensation() {
		return this.compensation;
	}

}
