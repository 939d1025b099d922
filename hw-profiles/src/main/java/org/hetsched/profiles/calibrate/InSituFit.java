package org.hetsched.profiles.calibrate;

import static org.hetsched.core.Units.NS_PER_US;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredCosts;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;

/**
 * Fits a profile's measured cost points to the per-task durations of real replays ("in situ"),
 * starting from a profile whose points were measured op by op (the micro-benchmarks of
 * {@code hetsched profile}). The traces may come from anywhere (calibration replays, validation
 * replays): each needs only per-task start, end and lane, lanes named as the profile's processors.
 *
 * <p><b>Model.</b> {@link ProfileCostModel} prices a task as the sum of its ops' latencies; an op
 * whose shape is a point of its (processor, kind, dtype) entry costs that point's latency times a
 * fixed factor ({@link ProfileCostModel#exactPoint}); every other op (interpolated, analytic) and
 * the shadow extras are a constant of the task. So a task's priced duration is
 * {@code c_t + Σ_j a_tj · x_j}, linear in the latencies {@code x_j} of the points it uses, which
 * are the unknowns; {@code c_t} is the prior profile's price of the task minus its point terms.
 *
 * <p><b>Measured duration.</b> A task's end minus start; when the profile has a {@code contention}
 * section, the engine's progress-rate model ({@link Contention}) is inverted first over the very
 * overlaps of that trace: the uncontended work of a task on lane v is
 * {@code ∫ dt / (1 + Σ_a s(v, a))} over its interval, the sum over the other lanes busy at t with
 * the slowdown of the roles of the two tasks. The fitted costs are then uncontended, as the engine
 * expects, and the engine puts the slowdown back. Tasks of zero duration carry no information and
 * are left out.
 *
 * <p><b>Fit.</b> With {@code y_j = x_j / p_j} ({@code p_j} the prior's latency), minimise
 * <pre>
 *   Σ_t ((c_t + Σ_j a_tj p_j y_j − d_t) / q_t)²  +  Σ_j w_j (y_j − 1)²,   y_j ≥ {@value #FLOOR}
 * </pre>
 * the first sum over every (replay, task) row, {@code q_t = c_t + Σ_j a_tj p_j} the prior's price
 * of the task, so each task's error counts relative to its length; the scale is the prior's, not
 * the measured {@code d_t}, which would weight a task the less the longer it happened to take and,
 * with the right-skewed noise of preemption, fit costs below the mean durations that a schedule's
 * makespan sums. The second sum is a ridge prior pulling each point to its micro-benchmark value,
 * with {@code w_j = λ · mean over the rows using j of (a_tj p_j / q_t)}, λ the prior weight: point
 * j's mean share of its tasks. That weight is what makes points that always occur together (with
 * fixed multiplicities) move by the same factor, so they split their joint cost in the prior's
 * ratio, and it makes the problem strictly convex, so the fit always has one answer; with λ = 1 the
 * prior of a point counts as much as one task made of that point alone. The least squares are
 * solved by Commons Math's {@link QRDecomposition} on the stacked rows; a point whose solution
 * falls below {@value #FLOOR} of its prior is fixed there (the profile format needs latencies
 * &gt; 0) and the rest solved again, until none does. Finally each (batch, k, n) family of an entry
 * is made non-decreasing in m (profile format rule 11) by pool-adjacent-violators
 * ({@link ProfileWriter#pava}), and its source says so where that changed a value.
 *
 * <p><b>Output.</b> The prior profile with every refitted point's latency replaced and its source
 * saying "Fitted in situ: …" (replays, plans, prior weight, residuals before and after); points no
 * replay uses keep their value and source, as do the rooflines, sync and every other section. The
 * description and a source {@code in-situ-bias} carry the in-situ/micro ratio per lane and op kind.
 *
 * <p>Stateless; a fit holds O(rows · points) doubles (dense rows) while it runs.
 */
public final class InSituFit {
    /** The default prior weight λ. */
    public static final double DEFAULT_PRIOR_WEIGHT = 1.0;
    /** The least fitted latency, as a fraction of the prior's: the format needs latencies &gt; 0. */
    public static final double FLOOR = 1e-3;
    /** The source id of the bias summary. */
    public static final String BIAS_SOURCE = "in-situ-bias";

    private InSituFit() {
    }

    /** @param priorWeight λ, the weight of the prior towards the micro-benchmark values, finite and &gt; 0 */
    public record Options(double priorWeight) {
        /** @throws UserInputException if the weight is not finite and &gt; 0 */
        public Options {
            if (!(priorWeight > 0) || !Double.isFinite(priorWeight)) {
                throw new UserInputException("in-situ prior weight must be finite and > 0, got " + priorWeight);
            }
        }
    }

    /**
     * One refitted point.
     *
     * @param processor the point's processor
     * @param prior     the point as the prior profile has it
     * @param fittedNs  its fitted latency, ns (after the monotonic pooling)
     * @param rows      how many (replay, task) rows use it
     */
    public record FittedPoint(String processor, OpKind kind, DType dtype, CostPoint prior, double fittedNs, int rows) {
    }

    /**
     * In-situ against micro for one lane and op kind: the fitted latencies over the prior ones of
     * its refitted points, each weighted by how much of the replays' priced time it accounts for.
     */
    public record Bias(String processor, OpKind kind, int points, double ratio) {
    }

    /**
     * A fit.
     *
     * @param profile            the fitted profile as JSON, ready to write
     * @param fitted             the same, read back (it validates)
     * @param points             every refitted point
     * @param bias               per lane and op kind, in profile order
     * @param replays            traces used
     * @param plans              distinct plans among them (the traces' (policy name, graph) pairs)
     * @param rows               (replay, task) rows in the fit
     * @param contentionRemoved  whether contention was removed from the durations
     * @param rmsRelativeBefore  root mean square of the rows' relative errors with the prior's points
     * @param rmsRelativeAfter   the same with the fitted ones
     */
    public record Result(ObjectNode profile, DeviceProfile fitted, List<FittedPoint> points, List<Bias> bias, int replays, int plans,
                         int rows, boolean contentionRemoved, double rmsRelativeBefore, double rmsRelativeAfter) {
        public Result {
            points = List.copyOf(points);
            bias = List.copyOf(bias);
        }

        /** One line: "npu LINEAR 1.042, npu RMS_NORM 0.981, ..." (in-situ/micro). */
        public String biasSummary() {
            List<String> parts = new ArrayList<>();
            for (Bias b : bias) parts.add(b.processor() + " " + b.kind() + " " + String.format(Locale.ROOT, "%.3f", b.ratio()));
            return String.join(", ", parts);
        }
    }

    /**
     * How well a profile predicts measured tasks: relative error (priced − measured) / measured per
     * (replay, task), measured uncontended as for the fit.
     *
     * @param lane           a processor name, or "all"
     * @param tasks          rows compared
     * @param medianSigned   median relative error: its sign is the bias
     * @param medianAbsolute median |relative error|
     * @param total          (Σ priced − Σ measured) / Σ measured
     */
    public record Prediction(String lane, int tasks, double medianSigned, double medianAbsolute, double total) {
    }

    /** One (replay, task) observation. */
    private record Row(double measuredNs, double constantNs, int[] columns, double[] factors) {
    }

    /**
     * Fits {@code prior}'s points to {@code traces}.
     *
     * @param traces replays of plans over graphs of the profile's workload, lanes named as its processors
     * @throws UserInputException if no trace has a task that is priced at a measured point and has a
     *     positive duration on a lane the profile knows (nothing to fit)
     */
    public static Result fit(DeviceProfile prior, List<Trace> traces, Options options) {
        ProfileCostModel model = new ProfileCostModel(prior);
        Contention contention = Contention.applies(prior) ? new Contention(prior) : null;
        Map<CostPoint, Integer> columnOf = new IdentityHashMap<>();
        List<CostPoint> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        int replays = 0;
        Set<String> plans = new LinkedHashSet<>();
        for (Trace trace : traces) {
            int[] profileId = profileIds(prior, trace.platform(), unusable);
            if (profileId == null) continue;
            int before = rows.size();
            for (int t = 0; t < trace.graph().size(); t++) {
                Row row = row(model, contention, trace, profileId, t, columnOf, columns);
                if (row != null) rows.add(row);
            }
            if (rows.size() > before) {
                replays++;
                plans.add(trace.policy() + " on " + trace.graph().name());
            }
        }
        if (rows.isEmpty()) {
            String why = traces.isEmpty() ? "no replay traces were given"
                    : "none of the " + traces.size() + " traces has a task of positive duration priced at a measured point of profile "
                    + prior.name() + (unusable.isEmpty() ? "" : " (" + String.join("; ", unusable) + ")");
            throw new UserInputException("cannot fit profile " + prior.name() + " in situ: " + why);
        }
        double[] priorNs = columns.stream().mapToDouble(CostPoint::latencyNs).toArray();
        double[] y = solve(rows, priorNs, options.priorWeight());
        double[] fittedNs = new double[priorNs.length];
        for (int j = 0; j < fittedNs.length; j++) fittedNs[j] = y[j] * priorNs[j];
        return write(prior, rows, columns, columnOf, priorNs, fittedNs, replays, plans.size(), contention != null, options);
    }

    /** Lane id of {@code lanes} → processor id of {@code profile}, by name; null (and why) if some lane has no processor. */
    private static int[] profileIds(DeviceProfile profile, Platform lanes, List<String> unusable) {
        int[] out = new int[lanes.size()];
        for (Processor lane : lanes.processors()) {
            Processor p = profile.platform().byName(lane.name());
            if (p == null) {
                unusable.add("lane " + lane.name() + " of " + lanes.name() + " is not a processor of the profile");
                return null;
            }
            out[lane.id()] = p.id();
        }
        return out;
    }

    private static Row row(ProfileCostModel model, Contention contention, Trace trace, int[] profileId, int t,
                           Map<CostPoint, Integer> columnOf, List<CostPoint> columns) {
        Processor p = model.platform().processor(profileId[trace.processorOf(t)]);
        Task task = trace.graph().task(t);
        TaskCost cost = model.cost(task, p);
        if (!cost.supported()) return null;
        double measured = uncontendedNs(trace, t, contention, profileId);
        if (!(measured > 0)) return null;
        Map<Integer, Double> factor = new LinkedHashMap<>();
        double constant = cost.durationNs();
        for (Op op : task.ops()) {
            ProfileCostModel.PointUse use = model.exactPoint(task, op, p);
            if (use == null) continue;
            Integer j = columnOf.get(use.point());
            if (j == null) {
                j = columns.size();
                columnOf.put(use.point(), j);
                columns.add(use.point());
            }
            factor.merge(j, use.factor(), Double::sum);
            constant -= use.factor() * use.point().latencyNs();
        }
        if (factor.isEmpty()) return null;
        int[] cols = factor.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] factors = factor.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new Row(measured, constant, cols, factors);
    }

    /**
     * The uncontended work of task {@code t} of {@code trace}, ns: its measured duration, or with
     * {@code contention}, {@code ∫ dt / (1 + Σ_a s(v, a))} over its interval, the sum over the
     * other lanes busy at t (their tasks as the trace shows them). Exact for the piecewise-constant
     * overlap of a trace; O(tasks) per call.
     *
     * @param contention the profile's contention, or null for none
     * @param profileId  trace lane id → the contention's processor id
     */
    public static double uncontendedNs(Trace trace, int t, Contention contention, int[] profileId) {
        long start = trace.startNs(t);
        long end = trace.endNs(t);
        if (contention == null || end <= start) return end - start;
        int lane = trace.processorOf(t);
        List<Integer> overlapping = new ArrayList<>();
        List<Long> cuts = new ArrayList<>(List.of(start, end));
        for (int u = 0; u < trace.graph().size(); u++) {
            if (trace.processorOf(u) == lane || trace.endNs(u) <= start || trace.startNs(u) >= end || trace.endNs(u) <= trace.startNs(u)) {
                continue;
            }
            overlapping.add(u);
            if (trace.startNs(u) > start) cuts.add(trace.startNs(u));
            if (trace.endNs(u) < end) cuts.add(trace.endNs(u));
        }
        if (overlapping.isEmpty()) return end - start;
        long[] at = cuts.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        SubgraphRole victimRole = trace.graph().task(t).subgraph().role();
        int victim = profileId[lane];
        double work = 0;
        for (int i = 0; i + 1 < at.length; i++) {
            long from = at[i];
            long to = at[i + 1];
            double factor = 1;
            for (int u : overlapping) {
                // a lane runs one task at a time, so each other lane adds at most one term
                if (trace.startNs(u) <= from && trace.endNs(u) >= to) {
                    factor += contention.slowdown(victim, victimRole, profileId[trace.processorOf(u)], trace.graph().task(u).subgraph().role());
                }
            }
            work += (to - from) / factor;
        }
        return work;
    }

    /** The relative-weighted, ridge-regularised least squares in y = x / prior, with the floor by an active set. */
    private static double[] solve(List<Row> rows, double[] priorNs, double lambda) {
        int cols = priorNs.length;
        double[] share = new double[cols];
        int[] uses = new int[cols];
        // each row is scaled by the prior's price of its task, not by its measured duration: a
        // measured scale would weight a task the less the longer it happened to take, and with the
        // right-skewed noise of preemption that fits costs below the mean durations a schedule sums
        double[] scale = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double priced = r.constantNs();
            for (int c = 0; c < r.columns().length; c++) priced += r.factors()[c] * priorNs[r.columns()[c]];
            scale[i] = priced > 0 ? priced : r.measuredNs();
            for (int c = 0; c < r.columns().length; c++) {
                int j = r.columns()[c];
                share[j] += r.factors()[c] * priorNs[j] / scale[i];
                uses[j]++;
            }
        }
        double[] sqrtW = new double[cols];
        for (int j = 0; j < cols; j++) sqrtW[j] = Math.sqrt(lambda * share[j] / uses[j]);
        double[] y = new double[cols];
        boolean[] fixed = new boolean[cols];
        while (true) {
            int[] free = new int[cols];
            int nFree = 0;
            for (int j = 0; j < cols; j++) {
                if (!fixed[j]) free[nFree++] = j;
            }
            int[] freeIndex = new int[cols];
            for (int f = 0; f < nFree; f++) freeIndex[free[f]] = f;
            if (nFree == 0) break;
            double[][] a = new double[rows.size() + nFree][nFree];
            double[] b = new double[rows.size() + nFree];
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                double target = r.measuredNs() - r.constantNs();
                for (int c = 0; c < r.columns().length; c++) {
                    int j = r.columns()[c];
                    double coefficient = r.factors()[c] * priorNs[j];
                    if (fixed[j]) target -= coefficient * FLOOR;
                    else a[i][freeIndex[j]] += coefficient / scale[i];
                }
                b[i] = target / scale[i];
            }
            for (int f = 0; f < nFree; f++) {
                a[rows.size() + f][f] = sqrtW[free[f]];
                b[rows.size() + f] = sqrtW[free[f]];
            }
            RealVector solution = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().solve(new ArrayRealVector(b, false));
            boolean clipped = false;
            for (int f = 0; f < nFree; f++) {
                double v = solution.getEntry(f);
                if (v < FLOOR) {
                    fixed[free[f]] = true;
                    clipped = true;
                }
                y[free[f]] = v;
            }
            if (!clipped) break;
        }
        for (int j = 0; j < cols; j++) {
            if (fixed[j]) y[j] = FLOOR;
        }
        return y;
    }

    private static double rmsRelative(List<Row> rows, double[] latencyNs) {
        double sum = 0;
        for (Row r : rows) {
            double priced = r.constantNs();
            for (int i = 0; i < r.columns().length; i++) priced += r.factors()[i] * latencyNs[r.columns()[i]];
            double e = (priced - r.measuredNs()) / r.measuredNs();
            sum += e * e;
        }
        return Math.sqrt(sum / rows.size());
    }

    private static Result write(DeviceProfile prior, List<Row> rows, List<CostPoint> columns,
                                Map<CostPoint, Integer> columnOf, double[] priorNs, double[] fittedNs, int replays, int plans,
                                boolean contentionRemoved, Options options) {
        // the monotonic pooling per (batch, k, n) family, over refitted and untouched points alike
        Map<CostPoint, Double> finalNs = new IdentityHashMap<>();
        Map<CostPoint, Boolean> pooled = new IdentityHashMap<>();
        for (MeasuredCosts entry : prior.costs()) {
            List<CostPoint> sorted = new ArrayList<>(entry.points());
            sorted.sort(Comparator.comparingInt(CostPoint::batch).thenComparingInt(CostPoint::k).thenComparingInt(CostPoint::n)
                    .thenComparingInt(CostPoint::m));
            int start = 0;
            while (start < sorted.size()) {
                int end = start;
                CostPoint s = sorted.get(start);
                while (end + 1 < sorted.size() && sorted.get(end + 1).batch() == s.batch() && sorted.get(end + 1).k() == s.k()
                        && sorted.get(end + 1).n() == s.n()) {
                    end++;
                }
                double[] values = new double[end - start + 1];
                for (int i = 0; i < values.length; i++) {
                    CostPoint q = sorted.get(start + i);
                    Integer j = columnOf.get(q);
                    values[i] = j == null ? q.latencyNs() : fittedNs[j];
                }
                double[] monotone = ProfileWriter.pava(values);
                for (int i = 0; i < values.length; i++) {
                    CostPoint q = sorted.get(start + i);
                    if (columnOf.containsKey(q) || monotone[i] != values[i]) {
                        finalNs.put(q, monotone[i]);
                        pooled.put(q, monotone[i] != values[i]);
                    }
                }
                start = end + 1;
            }
        }
        double[] finalByColumn = new double[columns.size()];
        for (int j = 0; j < columns.size(); j++) finalByColumn[j] = finalNs.get(columns.get(j));
        double before = rmsRelative(rows, priorNs);
        double after = rmsRelative(rows, finalByColumn);
        int[] uses = new int[columns.size()];
        double[] weight = new double[columns.size()];
        for (Row r : rows) {
            for (int i = 0; i < r.columns().length; i++) {
                uses[r.columns()[i]]++;
                weight[r.columns()[i]] += r.factors()[i];
            }
        }

        String fit = "Fitted in situ: " + replays + " replays of " + plans + " plans, " + rows.size() + " task durations"
                + (contentionRemoved ? " with the profile's contention slowdown removed over each trace's overlaps" : "")
                + ", least squares in relative terms with a ridge prior of weight " + fmt(options.priorWeight())
                + " towards the micro-benchmark value (Commons Math QR); relative RMS residual of the tasks "
                + pct(before) + " with the micro-benchmark points, " + pct(after) + " fitted";
        Map<String, String> sources = new LinkedHashMap<>(prior.sources());
        List<MeasuredCosts> costs = new ArrayList<>();
        List<FittedPoint> fittedPoints = new ArrayList<>();
        Map<String, double[]> biasSums = new LinkedHashMap<>();
        Map<String, Integer> biasPoints = new LinkedHashMap<>();
        int sourceNo = 0;
        for (MeasuredCosts entry : prior.costs()) {
            List<CostPoint> points = new ArrayList<>();
            for (CostPoint q : entry.points()) {
                Double value = finalNs.get(q);
                if (value == null) {
                    points.add(q);
                    continue;
                }
                Integer j = columnOf.get(q);
                String id = "in-situ-" + (++sourceNo);
                while (sources.containsKey(id)) id = "in-situ-" + (++sourceNo);
                String text = j == null
                        ? "Fitted in situ: " + entry.kind() + " " + entry.dtype() + " " + shape(q) + " on " + entry.processor()
                        + " is used by no replayed task; its micro-benchmark value " + us(q.latencyNs()) + " us (source " + q.source()
                        + ") is written as " + us(value) + " us, pooled with its refitted neighbours in m because latency may not fall as"
                        + " m grows (profile format rule 11)."
                        : fit + ". " + entry.kind() + " " + entry.dtype() + " " + shape(q) + " on " + entry.processor() + ": used by "
                        + uses[j] + " of them; micro-benchmark value " + us(q.latencyNs()) + " us (source " + q.source() + "), fitted "
                        + us(fittedNs[j]) + " us" + (pooled.get(q) ? ", written as " + us(value) + " us, pooled with its neighbours in m"
                        + " because latency may not fall as m grows (profile format rule 11)" : "") + ".";
                sources.put(id, text);
                points.add(new CostPoint(q.batch(), q.m(), q.k(), q.n(), value, id));
                if (j != null) {
                    fittedPoints.add(new FittedPoint(entry.processor(), entry.kind(), entry.dtype(), q, value, uses[j]));
                    String key = entry.processor() + " " + entry.kind();
                    double[] sums = biasSums.computeIfAbsent(key, k -> new double[2]);
                    sums[0] += weight[j] * value;
                    sums[1] += weight[j] * q.latencyNs();
                    biasPoints.merge(key, 1, Integer::sum);
                }
            }
            costs.add(new MeasuredCosts(entry.processor(), entry.kind(), entry.dtype(), points));
        }
        List<Bias> bias = new ArrayList<>();
        for (Map.Entry<String, double[]> e : biasSums.entrySet()) {
            String[] key = e.getKey().split(" ");
            bias.add(new Bias(key[0], OpKind.valueOf(key[1]), biasPoints.get(e.getKey()), e.getValue()[0] / e.getValue()[1]));
        }
        Result partial = new Result(null, null, fittedPoints, bias, replays, plans, rows.size(), contentionRemoved, before, after);
        sources.put(BIAS_SOURCE, "Derived from the in-situ fit (" + replays + " replays of " + plans + " plans): per lane and op kind,"
                + " the fitted over the micro-benchmark latencies of its refitted points, each weighted by its share of the replays'"
                + " priced time: " + partial.biasSummary() + ".");
        String description = prior.description() + "; points refitted in situ to " + replays + " replays of " + plans
                + " plans (in-situ/micro: " + partial.biasSummary() + ")";
        DeviceProfile fitted = new DeviceProfile(prior.name(), description, sources, prior.processors(), prior.analytic(), costs,
                prior.sync(), prior.graphPreparation(), prior.measuredOn(), prior.prefill(), prior.shadow(), prior.contention());
        ObjectNode json = ProfileJson.of(fitted);
        // read back through the one validator: a fit that breaks the format is a bug here, not a file to write
        DeviceProfile checked = ProfileReader.parse(ProfileJson.toText(json), "in-situ fit of " + prior.name());
        return new Result(json, checked, fittedPoints, bias, replays, plans, rows.size(), contentionRemoved, before, after);
    }

    /**
     * How well {@code profile} prices the tasks of {@code traces}: per lane of the profile (in its
     * order) and over all, the first for "all". Durations are measured uncontended under the
     * profile's own contention, as for the fit; tasks of zero duration are left out.
     *
     * @throws UserInputException if no trace has a task to compare
     */
    public static List<Prediction> predict(DeviceProfile profile, List<Trace> traces) {
        ProfileCostModel model = new ProfileCostModel(profile);
        Contention contention = Contention.applies(profile) ? new Contention(profile) : null;
        int procs = profile.processors().size();
        List<List<double[]>> byLane = new ArrayList<>();
        for (int p = 0; p <= procs; p++) byLane.add(new ArrayList<>());
        List<String> unusable = new ArrayList<>();
        for (Trace trace : traces) {
            int[] profileId = profileIds(profile, trace.platform(), unusable);
            if (profileId == null) continue;
            for (int t = 0; t < trace.graph().size(); t++) {
                int p = profileId[trace.processorOf(t)];
                TaskCost cost = model.cost(trace.graph().task(t), model.platform().processor(p));
                double measured = uncontendedNs(trace, t, contention, profileId);
                if (!cost.supported() || !(measured > 0)) continue;
                double[] pair = {cost.durationNs(), measured};
                byLane.get(p).add(pair);
                byLane.get(procs).add(pair);
            }
        }
        if (byLane.get(procs).isEmpty()) {
            throw new UserInputException("no replayed task to compare with profile " + profile.name()
                    + (unusable.isEmpty() ? "" : " (" + String.join("; ", unusable) + ")"));
        }
        List<Prediction> out = new ArrayList<>();
        out.add(prediction("all", byLane.get(procs)));
        for (int p = 0; p < procs; p++) {
            if (!byLane.get(p).isEmpty()) out.add(prediction(profile.processors().get(p).name(), byLane.get(p)));
        }
        return out;
    }

    private static Prediction prediction(String lane, List<double[]> pairs) {
        double[] signed = new double[pairs.size()];
        double[] absolute = new double[pairs.size()];
        double priced = 0;
        double measured = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] q = pairs.get(i);
            signed[i] = (q[0] - q[1]) / q[1];
            absolute[i] = Math.abs(signed[i]);
            priced += q[0];
            measured += q[1];
        }
        Median median = new Median();
        return new Prediction(lane, pairs.size(), median.evaluate(signed), median.evaluate(absolute), (priced - measured) / measured);
    }

    private static String shape(CostPoint q) {
        return q.batch() + "x(" + q.m() + "x" + q.k() + " . " + q.k() + "x" + q.n() + ")";
    }

    private static String us(double ns) {
        return String.format(Locale.ROOT, "%.3f", ns / NS_PER_US);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
