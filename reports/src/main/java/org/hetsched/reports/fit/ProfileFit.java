package org.hetsched.reports.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.hetsched.core.Median;
import org.hetsched.reports.reproduce.Reproduction;
import org.hetsched.reports.reproduce.TargetPrediction;
import org.hetsched.reports.sweep.SweepProgress;

/**
 * Fits the free parameters of a {@link FitObjective}: CMA-ES (Commons Math) in the unit cube of
 * the parameters' log ranges ({@code ln x = ln LO + u·(ln HI − ln LO)}), from the base values and
 * from {@code restarts} seeded random starts, each with an equal share of the evaluation budget;
 * the best start wins. A start has converged when its best objective has not fallen by more than
 * 1e-4 (relative) + 1e-6 over its last 10 generations' evaluations (if CMA-ES stops on criteria
 * of its own before that, it starts again from the best point with half the step); one that runs
 * out of budget first has not. Then the uncertainty by the Laplace approximation (a
 * central finite-difference Hessian {@code H} of the objective in {@code ln x}, step 0.02, at the
 * optimum; covariance {@code 2 s² H⁻¹} with {@code s² = S / (m − n)}, S the objective, m the
 * weighted targets, n the parameters) or, when asked for, a bootstrap over the targets (refits
 * on resampled targets, the 16th and 84th percentiles and correlations of their ln x), and
 * leave-one-out refits. Deterministic for a seed.
 */
public final class ProfileFit {
    /** Relative and absolute improvement below which a start has stagnated. */
    private static final double REL_TOL = 1e-4;
    private static final double ABS_TOL = 1e-6;
    private static final int STAGNANT_GENERATIONS = 10;
    private static final double HESSIAN_STEP = 0.02;
    /** Smallest initial step of a CMA-ES run that continues a start, in the unit cube. */
    private static final double MIN_STEP = 0.01;
    /** A parameter this close to a bound, as a fraction of its log range, is pinned there. */
    private static final double PINNED = 0.01;
    private static final double CORRELATED = 0.9;

    /**
     * How to fit.
     *
     * @param seed           seeds the random starts and CMA-ES
     * @param maxEvaluations objective evaluations of the fit, shared equally by the starts
     * @param restarts       random starts besides the base values
     * @param leaveOneOut    refit once without each weighted target
     * @param bootstrap      bootstrap refits for the uncertainty (0: the Laplace approximation instead)
     */
    public record Settings(long seed, int maxEvaluations, int restarts, boolean leaveOneOut, int bootstrap) {
    }

    /**
     * One parameter's outcome.
     *
     * @param base   base value
     * @param fitted fitted value (as written into the profile)
     * @param low    16% point of the Laplace approximation, {@code NaN} if the Hessian is not positive definite
     * @param high   84% point, likewise
     * @param pinned "low" or "high" when within 1% (of its log range) of a bound, else {@code null}
     */
    public record ParameterResult(FreeParameter parameter, double base, double fitted, double low, double high, String pinned) {
    }

    /** A pair of parameters with |correlation| &gt; 0.9. */
    public record Correlation(String first, String second, double correlation) {
    }

    /** One target predicted by the fit made without it. */
    public record LeaveOneOut(String id, double relativeError, boolean converged) {
    }

    /** Everything a fit found. */
    public record Result(boolean converged, long evaluations, double objective, double[] fitted, Reproduction before,
                         Reproduction after, List<ParameterResult> parameters, List<Correlation> correlations,
                         List<LeaveOneOut> leaveOneOut, String uncertainty) {

        /** Median |LOO error|, {@code NaN} without leave-one-out. */
        public double leaveOneOutMedian() {
            return leaveOneOut.isEmpty() ? Double.NaN : Median.of(leaveOneOut.stream().map(l -> Math.abs(l.relativeError())).toList());
        }

        /** Largest |LOO error|, {@code NaN} without leave-one-out. */
        public double leaveOneOutMax() {
            return leaveOneOut.stream().mapToDouble(l -> Math.abs(l.relativeError())).max().orElse(Double.NaN);
        }
    }

    private final FitObjective objective;
    private final Settings settings;
    private final SweepProgress progress;
    private final double[] lnLow;
    private final double[] lnSpan;
    private long done;
    private long total;

    private ProfileFit(FitObjective objective, Settings settings, SweepProgress progress) {
        this.objective = objective;
        this.settings = settings;
        this.progress = progress;
        int n = objective.parameters().size();
        lnLow = new double[n];
        lnSpan = new double[n];
        for (int i = 0; i < n; i++) {
            FreeParameter p = objective.parameters().get(i);
            lnLow[i] = Math.log(p.low());
            lnSpan[i] = Math.log(p.high()) - lnLow[i];
        }
    }

    /** Fits; the result says whether it converged (if not, only {@code converged}, {@code evaluations} and {@code objective} mean anything). */
    public static Result run(FitObjective objective, Settings settings, SweepProgress progress) {
        return new ProfileFit(objective, settings, progress).fit();
    }

    private Result fit() {
        int n = lnLow.length;
        int m = (int) objective.targets().targets().stream().filter(FitProblems::weighted).count();
        int perStart = Math.max(1, settings.maxEvaluations() / (settings.restarts() + 1));
        int refit = Math.max(1, perStart / 4);
        total = settings.maxEvaluations() + (settings.bootstrap() > 0 ? (long) settings.bootstrap() * refit : 2L * n * n + 1)
                + (settings.leaveOneOut() ? (long) m * (refit + 1) : 0) + 2;
        RandomGenerator random = new MersenneTwister(settings.seed());
        double[] base = objective.baseValues();
        Reproduction before = objective.predict(base);
        tick();
        Search best = null;
        for (int s = 0; s <= settings.restarts(); s++) {
            double[] start = new double[n];
            for (int i = 0; i < n; i++) start[i] = s == 0 ? toUnit(i, base[i]) : random.nextDouble();
            Search found = search(start, 0.3, perStart, null, random.nextLong());
            if (best == null || found.bestValue < best.bestValue) best = found;
        }
        long evaluations = objective.evaluations();
        if (!best.converged) {
            progress.update((int) total, (int) total);
            return new Result(false, evaluations, best.bestValue, null, before, null, List.of(), List.of(), List.of(), "");
        }
        double[] fitted = values(best.bestPoint);
        for (int i = 0; i < n; i++) fitted[i] = objective.written(i, fitted[i]);
        Reproduction after = objective.predict(fitted);
        tick();
        double value = objective.objective(fitted, after, null);

        double[] fittedUnit = new double[n];
        for (int i = 0; i < n; i++) fittedUnit[i] = toUnit(i, fitted[i]);
        double[][] samples = settings.bootstrap() > 0 ? bootstrap(fittedUnit, after.weighted().size(), refit) : null;
        double[][] covariance = samples != null ? new Covariance(samples).getCovarianceMatrix().getData() : laplace(fitted, value, m);
        List<ParameterResult> parameters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double low;
            double high;
            if (samples != null) {
                double[] column = new double[samples.length];
                for (int k = 0; k < samples.length; k++) column[k] = samples[k][i];
                low = Math.exp(new Percentile().evaluate(column, 16));
                high = Math.exp(new Percentile().evaluate(column, 84));
            } else {
                double sd = covariance == null ? Double.NaN : Math.sqrt(covariance[i][i]);
                low = Math.exp(Math.log(fitted[i]) - sd);
                high = Math.exp(Math.log(fitted[i]) + sd);
            }
            double u = fittedUnit[i];
            String pinned = u <= PINNED ? "low" : u >= 1 - PINNED ? "high" : null;
            parameters.add(new ParameterResult(objective.parameters().get(i), base[i], fitted[i], low, high, pinned));
        }
        List<Correlation> correlations = new ArrayList<>();
        if (covariance != null) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double r = covariance[i][j] / Math.sqrt(covariance[i][i] * covariance[j][j]);
                    if (Double.isFinite(r) && Math.abs(r) > CORRELATED) {
                        correlations.add(new Correlation(objective.parameters().get(i).name(), objective.parameters().get(j).name(), r));
                    }
                }
            }
        }
        List<LeaveOneOut> loo = new ArrayList<>();
        if (settings.leaveOneOut()) {
            List<TargetPrediction> weighted = after.weighted();
            for (int j = 0; j < weighted.size(); j++) {
                double[] multipliers = new double[weighted.size()];
                Arrays.fill(multipliers, 1);
                multipliers[j] = 0;
                Search without = search(fittedUnit, 0.1, refit, multipliers, settings.seed() + j);
                double[] x = values(without.bestPoint);
                for (int i = 0; i < n; i++) x[i] = objective.written(i, x[i]);
                TargetPrediction left = objective.predict(x).weighted().get(j);
                tick();
                loo.add(new LeaveOneOut(left.target().id(), left.relativeError().getAsDouble(), without.converged));
            }
        }
        progress.update((int) total, (int) total);
        String method = samples != null
                ? "bootstrap over targets (" + samples.length + " refits from the optimum on resampled weighted targets; percentiles)"
                : covariance == null
                ? "Laplace approximation: n/a (the Hessian is not positive definite, or no degrees of freedom are left)"
                : "Laplace approximation (finite-difference Hessian in log space, scaled by S/(m-n))";
        return new Result(true, objective.evaluations(), value, fitted, before, after, parameters, correlations, loo, method);
    }

    /**
     * {@code settings.bootstrap()} samples of ln x: each a refit from the optimum (step 0.1,
     * {@code budget} evaluations) with the weighted targets resampled with replacement (a target's
     * weight multiplied by how often it was drawn).
     */
    private double[][] bootstrap(double[] fittedUnit, int targets, int budget) {
        RandomGenerator random = new MersenneTwister(settings.seed() + 1_000_003L);
        double[][] samples = new double[settings.bootstrap()][];
        for (int k = 0; k < samples.length; k++) {
            double[] counts = new double[targets];
            for (int d = 0; d < targets; d++) counts[random.nextInt(targets)]++;
            Search s = search(fittedUnit, 0.1, budget, counts, random.nextLong());
            double[] x = values(s.bestPoint);
            samples[k] = new double[x.length];
            for (int i = 0; i < x.length; i++) samples[k][i] = Math.log(x[i]);
        }
        return samples;
    }

    /** Covariance of ln x, or {@code null} if it cannot be had. */
    private double[][] laplace(double[] fitted, double value, int m) {
        int n = fitted.length;
        if (m <= n) return null;
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) theta[i] = Math.log(fitted[i]);
        double h = HESSIAN_STEP;
        double[][] hessian = new double[n][n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = at(theta, i, h, -1, 0);
            minus[i] = at(theta, i, -h, -1, 0);
            hessian[i][i] = (plus[i] - 2 * value + minus[i]) / (h * h);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double pp = at(theta, i, h, j, h);
                double pm = at(theta, i, h, j, -h);
                double mp = at(theta, i, -h, j, h);
                double mm = at(theta, i, -h, j, -h);
                hessian[i][j] = (pp - pm - mp + mm) / (4 * h * h);
                hessian[j][i] = hessian[i][j];
            }
        }
        for (double[] row : hessian) {
            for (double v : row) if (!Double.isFinite(v)) return null;
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(hessian));
        for (double e : eigen.getRealEigenvalues()) if (!(e > 0)) return null;
        RealMatrix inverse = eigen.getSolver().getInverse();
        double s2 = value / (m - n);
        return inverse.scalarMultiply(2 * s2).getData();
    }

    private double at(double[] theta, int i, double di, int j, double dj) {
        double[] x = new double[theta.length];
        for (int k = 0; k < x.length; k++) x[k] = Math.exp(theta[k] + (k == i ? di : 0) + (k == j ? dj : 0));
        double v = objective.objective(x);
        tick();
        return v;
    }

    /** One CMA-ES run in the unit cube. */
    private Search search(double[] start, double sigma, int budget, double[] multipliers, long seed) {
        int n = start.length;
        Search s = new Search();
        int lambda = 4 + (int) Math.floor(3 * Math.log(n));
        int window = STAGNANT_GENERATIONS * lambda;
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(upper, 1);
        double[] from = start.clone();
        for (int i = 0; i < n; i++) from[i] = Math.min(1, Math.max(0, from[i]));
        ObjectiveFunction f = new ObjectiveFunction(u -> {
            double[] x = values(u);
            double v = objective.objective(x, objective.predict(x), multipliers);
            s.used++;
            tick();
            if (v < s.bestValue) {
                if (s.bestPoint == null || s.markValue - v > REL_TOL * Math.abs(s.markValue) + ABS_TOL) {
                    s.markValue = v;
                    s.markEvaluation = s.used;
                }
                s.bestValue = v;
                s.bestPoint = u.clone();
            }
            return v;
        });
        RandomGenerator random = new MersenneTwister(seed);
        double step = sigma;
        // CMA-ES may stop on criteria of its own (a collapsed or ill-conditioned distribution) before the best
        // has stagnated; it then starts again from the best point with a smaller step, within the budget
        while (!s.stagnated && s.used < budget) {
            double[] sigmas = new double[n];
            Arrays.fill(sigmas, step);
            CMAESOptimizer cmaes = new CMAESOptimizer(Integer.MAX_VALUE, 0, true, 0, 0, random, false, (iteration, previous, current) -> {
                if (s.used - s.markEvaluation >= window) s.stagnated = true;
                return s.stagnated;
            });
            try {
                cmaes.optimize(new MaxEval((int) (budget - s.used)), new MaxIter(Integer.MAX_VALUE), f, GoalType.MINIMIZE,
                        new InitialGuess(s.bestPoint == null ? from : s.bestPoint), new SimpleBounds(lower, upper),
                        new CMAESOptimizer.Sigma(sigmas), new CMAESOptimizer.PopulationSize(lambda));
            } catch (TooManyEvaluationsException e) {
                break;
            }
            if (s.used - s.markEvaluation >= window) s.stagnated = true;
            step = Math.max(step / 2, MIN_STEP);
        }
        s.converged = s.stagnated;
        return s;
    }

    private double toUnit(int i, double value) {
        return (Math.log(value) - lnLow[i]) / lnSpan[i];
    }

    private double[] values(double[] unit) {
        double[] x = new double[unit.length];
        for (int i = 0; i < x.length; i++) x[i] = Math.exp(lnLow[i] + Math.min(1, Math.max(0, unit[i])) * lnSpan[i]);
        return x;
    }

    private void tick() {
        done++;
        progress.update((int) Math.min(done, total - 1), (int) total);
    }

    /** A start's state. */
    private static final class Search {
        double bestValue = Double.POSITIVE_INFINITY;
        double[] bestPoint;
        double markValue = Double.POSITIVE_INFINITY;
        long markEvaluation;
        long used;
        boolean stagnated;
        boolean converged;
    }
}
