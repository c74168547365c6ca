package io.ratchet.training;

/**
 * The Moré–Thuente line search (MINPACK-2 {@code dcsrch}/{@code dcstep}) as L-BFGS-B 3.0
 * uses it: it looks for a step satisfying the strong Wolfe conditions
 * {@code f(stp) <= f(0) + ftol*stp*f'(0)} and {@code |f'(stp)| <= gtol*|f'(0)|}, keeping
 * an interval of uncertainty that it shrinks with safeguarded cubic and quadratic
 * interpolation. Written here from the published algorithm (Moré and Thuente, ACM TOMS
 * 20, 1994) so that the trainer follows the same steps as scikit-learn's solver; reverse
 * communication: call {@link #next} with the function value and directional derivative at
 * the current step until it reports {@link Status#CONVERGED} or {@link Status#WARNING}.
 */
final class LineSearch {

	enum Status {

		/** Evaluate at {@link #step()} and call {@link #next} again. */
		EVALUATE,

		/** The step satisfies the conditions. */
		CONVERGED,

		/**
		 * No better step can be found (rounding, interval too small, or a bound); the
		 * step is the best seen.
		 */
		WARNING

	}

	private static final double XTRAPL = 1.1;

	private static final double XTRAPU = 4.0;

	private final double ftol;

	private final double gtol;

	private final double xtol;

	private final double stpmin;

	private final double stpmax;

	private boolean brackt;

	private int stage;

	private double ginit;

	private double gtest;

	private double gx;

	private double gy;

	private double finit;

	private double fx;

	private double fy;

	private double stx;

	private double sty;

	private double stmin;

	private double stmax;

	private double width;

	private double width1;

	private double stp;

	/**
	 * Starts a search at step {@code stp} from {@code f(0) = f}, {@code f'(0) = g < 0}.
	 */
	LineSearch(double f, double g, double stp, double ftol, double gtol, double xtol, double stpmin, double stpmax) {
		this.ftol = ftol;
		this.gtol = gtol;
		this.xtol = xtol;
		this.stpmin = stpmin;
		this.stpmax = stpmax;
		this.stp = stp;
		this.brackt = false;
		this.stage = 1;
		this.finit = f;
		this.ginit = g;
		this.gtest = ftol * g;
		this.width = stpmax - stpmin;
		this.width1 = this.width / 0.5;
		this.stx = 0;
		this.fx = f;
		this.gx = g;
		this.sty = 0;
		this.fy = f;
		this.gy = g;
		this.stmin = 0;
		this.stmax = stp + XTRAPU * stp;
	}

	/** The step to evaluate (or the final one). */
	double step() {
		return this.stp;
	}

	/** Takes {@code f(step)} and {@code f'(step)}; updates {@link #step()}. */
	Status next(double f, double g) {
		double ftest = this.finit + this.stp * this.gtest;
		if (this.stage == 1 && f <= ftest && g >= 0) {
			this.stage = 2;
		}
		Status status = Status.EVALUATE;
		if (this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax)) {
			status = Status.WARNING;
		}
		if (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax) {
			status = Status.WARNING;
		}
		if (this.stp == this.stpmax && f <= ftest && g <= this.gtest) {
			status = Status.WARNING;
		}
		if (this.stp == this.stpmin && (f > ftest || g >= this.gtest)) {
			status = Status.WARNING;
		}
		if (f <= ftest && Math.abs(g) <= this.gtol * (-this.ginit)) {
			status = Status.CONVERGED;
		}
		if (status != Status.EVALUATE) {
			return status;
		}
		if (this.stage == 1 && f <= this.fx && f > ftest) {
			// the modified function psi(stp) = f(stp) - f(0) - ftol*stp*f'(0)
			double fm = f - this.stp * this.gtest;
			double fxm = this.fx - this.stx * this.gtest;
			double fym = this.fy - this.sty * this.gtest;
			double gm = g - this.gtest;
			double gxm = this.gx - this.gtest;
			double gym = this.gy - this.gtest;
			Interval interval = step(new Interval(this.stx, fxm, gxm, this.sty, fym, gym), this.stp, fm, gm);
			this.stx = interval.stx;
			this.sty = interval.sty;
			this.fx = interval.fx + this.stx * this.gtest;
			this.fy = interval.fy + this.sty * this.gtest;
			this.gx = interval.dx + this.gtest;
			this.gy = interval.dy + this.gtest;
		}
		else {
			Interval interval = step(new Interval(this.stx, this.fx, this.gx, this.sty, this.fy, this.gy), this.stp, f,
					g);
			this.stx = interval.stx;
			this.sty = interval.sty;
			this.fx = interval.fx;
			this.fy = interval.fy;
			this.gx = interval.dx;
			this.gy = interval.dy;
		}
		if (this.brackt) {
			if (Math.abs(this.sty - this.stx) >= 0.66 * this.width1) {
				this.stp = this.stx + 0.5 * (this.sty - this.stx);
			}
			this.width1 = this.width;
			this.width = Math.abs(this.sty - this.stx);
		}
		if (this.brackt) {
			this.stmin = Math.min(this.stx, this.sty);
			this.stmax = Math.max(this.stx, this.sty);
		}
		else {
			this.stmin = this.stp + XTRAPL * (this.stp - this.stx);
			this.stmax = this.stp + XTRAPU * (this.stp - this.stx);
		}
		this.stp = Math.max(this.stp, this.stpmin);
		this.stp = Math.min(this.stp, this.stpmax);
		if ((this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax))
				|| (this.brackt && this.stmax - this.stmin <= this.xtol * this.stmax)) {
			this.stp = this.stx;
		}
		return Status.EVALUATE;
	}

	/**
	 * The best step so far ({@code stx}, {@code fx}, {@code dx}) and the other end of the
	 * interval.
	 */
	private record Interval(double stx, double fx, double dx, double sty, double fy, double dy) {
	}

	/**
	 * The minimiser of the cubic through the trial step ({@code stp}, {@code fp},
	 * {@code dp}) and another end of the interval ({@code end}, {@code fEnd},
	 * {@code dEnd}), as {@code dcstep} computes it where the derivatives have opposite
	 * signs (its second and fourth cases). The fourth case writes the first quotient as
	 * {@code (fp - fy) / (sty - stp)}: negating both terms is exact, so the result is the
	 * same to the bit.
	 */
	private static double cubicMinimizer(double stp, double fp, double dp, double end, double fEnd, double dEnd) {
		double theta = 3 * (fEnd - fp) / (stp - end) + dEnd + dp;
		double s = Math.max(Math.abs(theta), Math.max(Math.abs(dEnd), Math.abs(dp)));
		double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dEnd / s) * (dp / s));
		if (stp > end) {
			gamma = -gamma;
		}
		double p = (gamma - dp) + theta;
		double q = ((gamma - dp) + gamma) + dEnd;
		return stp + (p / q) * (end - stp);
	}

	/**
	 * One safeguarded step ({@code dcstep}): the new trial step goes to {@link #stp};
	 * returns the new interval.
	 */
	private Interval step(Interval in, double stp, double fp, double dp) {
		double stx = in.stx;
		double fx = in.fx;
		double dx = in.dx;
		double sty = in.sty;
		double fy = in.fy;
		double dy = in.dy;
		double sgnd = dp * (dx / Math.abs(dx));
		double stpf;
		if (fp > fx) {
			double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
			double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
			double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
			if (stp < stx) {
				gamma = -gamma;
			}
			double p = (gamma - dx) + theta;
			double q = ((gamma - dx) + gamma) + dp;
			double r = p / q;
			double stpc = stx + r * (stp - stx);
			double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
			stpf = (Math.abs(stpc - stx) < Math.abs(stpq - stx)) ? stpc : stpc + (stpq - stpc) / 2;
			this.brackt = true;
		}
		else if (sgnd < 0) {
			double stpc = cubicMinimizer(stp, fp, dp, stx, fx, dx);
			double stpq = stp + (dp / (dp - dx)) * (stx - stp);
			stpf = (Math.abs(stpc - stp) > Math.abs(stpq - stp)) ? stpc : stpq;
			this.brackt = true;
		}
		else if (Math.abs(dp) < Math.abs(dx)) {
			double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
			double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
			double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
			if (stp > stx) {
				gamma = -gamma;
			}
			double p = (gamma - dp) + theta;
			double q = (gamma + (dx - dp)) + gamma;
			double r = p / q;
			double stpc;
			if (r < 0 && gamma != 0) {
				stpc = stp + r * (stx - stp);
			}
			else if (stp > stx) {
				stpc = this.stmax;
			}
			else {
				stpc = this.stmin;
			}
			double stpq = stp + (dp / (dp - dx)) * (stx - stp);
			if (this.brackt) {
				stpf = (Math.abs(stpc - stp) < Math.abs(stpq - stp)) ? stpc : stpq;
				stpf = (stp > stx) ? Math.min(stp + 0.66 * (sty - stp), stpf)
						: Math.max(stp + 0.66 * (sty - stp), stpf);
			}
			else {
				stpf = (Math.abs(stpc - stp) > Math.abs(stpq - stp)) ? stpc : stpq;
				stpf = Math.min(this.stmax, stpf);
				stpf = Math.max(this.stmin, stpf);
			}
		}
		else {
			if (this.brackt) {
				stpf = cubicMinimizer(stp, fp, dp, sty, fy, dy);
			}
			else {
				stpf = (stp > stx) ? this.stmax : this.stmin;
			}
		}
		if (fp > fx) {
			sty = stp;
			fy = fp;
			dy = dp;
		}
		else {
			if (sgnd < 0) {
				sty = stx;
				fy = fx;
				dy = dx;
			}
			stx = stp;
			fx = fp;
			dx = dp;
		}
		this.stp = stpf;
		return new Interval(stx, fx, dx, sty, fy, dy);
	}

}
