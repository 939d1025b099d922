package org.hetsched.profiles.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.ContentionSlowdown;
import org.hetsched.profiles.format.CostPoint;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredCosts;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.format.SourcedValue;
import org.junit.jupiter.api.Test;

class InSituFitTest {
    private static final Platform LANES = new Platform("host", List.of(
            new Processor(0, "npu", ProcessorKind.NPU, Set.of(DType.INT8, DType.FP16)),
            new Processor(1, "cpu", ProcessorKind.CPU, Set.of(DType.INT8, DType.FP16, DType.FP32))));
    private static final List<TaskGraph> GRAPHS = List.of(graph(8), graph(16));

    private static TaskGraph graph(int chunk) {
        return PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 2 * chunk, chunk));
    }

    /** A profile with a point for every op shape of {@link #GRAPHS} on every lane that may run it, latencies seeded. */
    private static DeviceProfile truth(long seed) {
        Random random = new Random(seed);
        Map<String, Measurement> shapes = new LinkedHashMap<>();
        for (TaskGraph g : GRAPHS) {
            for (Task task : g.tasks()) {
                for (Processor lane : LANES.processors()) {
                    if (!Eligibility.eligible(task, lane)) continue;
                    for (Op op : task.ops()) {
                        DType dtype = task.subgraph().placementOn(lane.kind()).dtypeOf(op.kind());
                        String key = lane.id() + "/" + op.kind() + "/" + dtype + "/" + op.batch() + "/" + op.m() + "/" + op.k() + "/" + op.n();
                        if (shapes.containsKey(key)) continue;
                        long work = op.kind().matmul() ? (long) op.batch() * op.m() * op.k() * op.n() : (long) op.batch() * op.m() * op.n();
                        double ns = (2000 + 2.0 * work) * (0.8 + 0.4 * random.nextDouble());
                        shapes.put(key, new Measurement(lane.id(), op.kind(), dtype, op.batch(), op.m(), op.k(), op.n(),
                                new RobustStats.Summary(ns, 0, 1, 0), 1));
                    }
                }
            }
        }
        Provenance provenance = new Provenance("test-host", "amd64", "Test CPU", Instant.EPOCH, "test");
        return ProfileReader.parse(ProfileJson.toText(ProfileWriter.toJson(LANES, "test", "test lanes", new ArrayList<>(shapes.values()),
                new RobustStats.Summary(1000, 0, 1, 0), provenance, null, 1, 0, "synthetic shapes")), "truth");
    }

    /** {@code profile} with every point's latency replaced by {@code latencyNs} and with {@code contention}. */
    private static DeviceProfile scaled(DeviceProfile profile, ToDoubleFunction<CostPoint> latencyNs, List<ContentionSlowdown> contention) {
        List<MeasuredCosts> costs = new ArrayList<>();
        for (MeasuredCosts c : profile.costs()) {
            List<CostPoint> points = new ArrayList<>();
            for (CostPoint q : c.points()) points.add(new CostPoint(q.batch(), q.m(), q.k(), q.n(), latencyNs.applyAsDouble(q), q.source()));
            costs.add(new MeasuredCosts(c.processor(), c.kind(), c.dtype(), points));
        }
        Map<String, String> sources = new LinkedHashMap<>(profile.sources());
        sources.put("test", "Test value.");
        return new DeviceProfile(profile.name(), profile.description(), sources, profile.processors(), profile.analytic(), costs,
                profile.sync(), profile.graphPreparation(), profile.measuredOn(), profile.prefill(), profile.shadow(), contention);
    }

    /** Perturbed by a seeded factor in [lo, hi) per point, then made non-decreasing in m again by a read through the validator. */
    private static DeviceProfile perturbed(DeviceProfile profile, long seed, double lo, double hi) {
        Random random = new Random(seed);
        // a common factor keeps every family's order in m, so the result stays a valid profile
        Map<String, Double> perFamily = new LinkedHashMap<>();
        return scaled(profile, q -> q.latencyNs() * perFamily.computeIfAbsent(q.batch() + "/" + q.k() + "/" + q.n(),
                k -> lo + (hi - lo) * random.nextDouble()), profile.contention());
    }

    /** Replays simulated without contention: each task on a random lane that may run it, each lane's tasks back to back. */
    private static List<Trace> traces(DeviceProfile truth, int perGraph, long seed) {
        ProfileCostModel model = new ProfileCostModel(truth);
        Random random = new Random(seed);
        List<Trace> out = new ArrayList<>();
        for (int r = 0; r < perGraph; r++) {
            for (TaskGraph g : GRAPHS) {
                CostTable costs = CostTable.build(g, truth.platform(), model);
                int n = g.size();
                int[] lane = new int[n];
                long[] start = new long[n];
                long[] end = new long[n];
                long[] clock = new long[LANES.size()];
                for (int t = 0; t < n; t++) {
                    List<Integer> eligible = new ArrayList<>();
                    for (Processor p : truth.platform().processors()) {
                        if (Eligibility.eligible(g.task(t), p)) eligible.add(p.id());
                    }
                    lane[t] = eligible.get(random.nextInt(eligible.size()));
                    start[t] = clock[lane[t]];
                    end[t] = start[t] + model.cost(g.task(t), truth.platform().processor(lane[t])).durationNs();
                    clock[lane[t]] = end[t];
                }
                out.add(new Trace(costs, "random-" + seed + "-" + r, lane, start, end));
            }
        }
        return out;
    }

    /** The largest relative difference between two profiles' prices over every task and lane the traces show it on. */
    private static double worstTaskError(DeviceProfile a, DeviceProfile b, List<Trace> traces) {
        ProfileCostModel ma = new ProfileCostModel(a);
        ProfileCostModel mb = new ProfileCostModel(b);
        double worst = 0;
        for (Trace trace : traces) {
            for (int t = 0; t < trace.graph().size(); t++) {
                Processor p = ma.platform().processor(trace.processorOf(t));
                double pa = ma.cost(trace.graph().task(t), p).durationNs();
                double pb = mb.cost(trace.graph().task(t), p).durationNs();
                worst = Math.max(worst, Math.abs(pa - pb) / pb);
            }
        }
        return worst;
    }

    @Test
    void recoversTheCostsTracesWereSimulatedWith() {
        DeviceProfile truth = truth(1);
        DeviceProfile prior = perturbed(truth, 2, 0.6, 1.6);
        List<Trace> fitted = traces(truth, 4, 3);
        List<Trace> heldOut = traces(truth, 2, 4);
        assertTrue(worstTaskError(prior, truth, heldOut) > 0.1, "the perturbation must be large enough to see");

        InSituFit.Result fit = InSituFit.fit(prior, fitted, new InSituFit.Options(1e-6));

        assertTrue(worstTaskError(fit.fitted(), truth, heldOut) < 0.005, "fitted task prices within 0.5% of the truth, worst "
                + worstTaskError(fit.fitted(), truth, heldOut));
        assertTrue(fit.rmsRelativeAfter() < 0.002, "residual " + fit.rmsRelativeAfter());
        assertTrue(fit.rmsRelativeBefore() > 0.05, "residual before " + fit.rmsRelativeBefore());
        assertEquals(8, fit.replays());
        assertEquals(8, fit.plans());
        // per point: every point the durations determine (no component in the null space of the rows) is recovered
        Map<CostPoint, CostPoint> truthOf = pointsByShape(fit.fitted(), truth);
        List<CostPoint> identifiable = identifiable(prior, fitted);
        for (CostPoint q : identifiable) {
            double expected = truthOf.get(fittedOf(fit, q)).latencyNs();
            assertEquals(expected, fittedOf(fit, q).latencyNs(), 0.005 * expected, "point " + q);
        }
        assertTrue(identifiable.size() >= 5, identifiable.size() + " identifiable points of " + fit.points().size());
        assertTrue(fit.fitted().sources().values().stream().filter(s -> s.startsWith("Fitted in situ: 8 replays of 8 plans")).count()
                >= fit.points().size());
    }

    /** The fitted profile's point of the prior's point {@code q}. */
    private static CostPoint fittedOf(InSituFit.Result fit, CostPoint q) {
        for (InSituFit.FittedPoint p : fit.points()) {
            if (p.prior() == q) return findPoint(fit.fitted(), p);
        }
        throw new AssertionError("not refitted: " + q);
    }

    /** The prior's points that {@code traces}' task durations determine: no component in the null space of the rows. */
    private static List<CostPoint> identifiable(DeviceProfile prior, List<Trace> traces) {
        ProfileCostModel model = new ProfileCostModel(prior);
        Map<CostPoint, Integer> column = new IdentityHashMap<>();
        List<CostPoint> columns = new ArrayList<>();
        List<Map<Integer, Double>> rows = new ArrayList<>();
        for (Trace trace : traces) {
            for (int t = 0; t < trace.graph().size(); t++) {
                Task task = trace.graph().task(t);
                Map<Integer, Double> row = new LinkedHashMap<>();
                for (Op op : task.ops()) {
                    ProfileCostModel.PointUse use = model.exactPoint(task, op, model.platform().processor(trace.processorOf(t)));
                    if (use == null) continue;
                    Integer j = column.get(use.point());
                    if (j == null) {
                        j = columns.size();
                        column.put(use.point(), j);
                        columns.add(use.point());
                    }
                    row.merge(j, use.factor(), Double::sum);
                }
                rows.add(row);
            }
        }
        double[][] a = new double[rows.size()][columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<Integer, Double> e : rows.get(i).entrySet()) a[i][e.getKey()] = e.getValue();
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a));
        double[] sigma = svd.getSingularValues();
        RealMatrix v = svd.getV();
        List<CostPoint> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            double inNull = 0;
            for (int k = 0; k < sigma.length; k++) {
                if (sigma[k] < 1e-9 * sigma[0]) inNull += v.getEntry(j, k) * v.getEntry(j, k);
            }
            if (inNull < 1e-12) out.add(columns.get(j));
        }
        return out;
    }

    /** The prior's points by co-occurrence: points used by exactly the same (trace, task) rows with the same factors. */
    private static Map<String, List<CostPoint>> coOccurring(DeviceProfile prior, List<Trace> traces) {
        ProfileCostModel model = new ProfileCostModel(prior);
        Map<CostPoint, StringBuilder> signature = new IdentityHashMap<>();
        List<CostPoint> order = new ArrayList<>();
        for (int r = 0; r < traces.size(); r++) {
            Trace trace = traces.get(r);
            for (int t = 0; t < trace.graph().size(); t++) {
                Task task = trace.graph().task(t);
                Map<CostPoint, Double> uses = new IdentityHashMap<>();
                List<CostPoint> used = new ArrayList<>();
                for (Op op : task.ops()) {
                    ProfileCostModel.PointUse use = model.exactPoint(task, op, model.platform().processor(trace.processorOf(t)));
                    if (use == null) continue;
                    if (!uses.containsKey(use.point())) used.add(use.point());
                    uses.merge(use.point(), use.factor(), Double::sum);
                }
                for (CostPoint q : used) {
                    if (!signature.containsKey(q)) order.add(q);
                    signature.computeIfAbsent(q, k -> new StringBuilder()).append(r).append(':').append(t).append('x').append(uses.get(q))
                            .append(' ');
                }
            }
        }
        Map<String, List<CostPoint>> out = new LinkedHashMap<>();
        for (CostPoint q : order) out.computeIfAbsent(signature.get(q).toString(), k -> new ArrayList<>()).add(q);
        return out;
    }

    private static CostPoint findPoint(DeviceProfile profile, InSituFit.FittedPoint p) {
        for (MeasuredCosts c : profile.costs()) {
            if (!c.processor().equals(p.processor()) || c.kind() != p.kind() || c.dtype() != p.dtype()) continue;
            for (CostPoint q : c.points()) {
                if (q.batch() == p.prior().batch() && q.m() == p.prior().m() && q.k() == p.prior().k() && q.n() == p.prior().n()) return q;
            }
        }
        throw new AssertionError("no point for " + p);
    }

    private static Map<CostPoint, CostPoint> pointsByShape(DeviceProfile a, DeviceProfile b) {
        Map<CostPoint, CostPoint> out = new IdentityHashMap<>();
        for (int i = 0; i < a.costs().size(); i++) {
            for (CostPoint q : a.costs().get(i).points()) {
                for (CostPoint r : b.costs().get(i).points()) {
                    if (q.batch() == r.batch() && q.m() == r.m() && q.k() == r.k() && q.n() == r.n()) out.put(q, r);
                }
            }
        }
        return out;
    }

    @Test
    void pointsThatAlwaysCoOccurSplitInThePriorsRatio() {
        DeviceProfile truth = truth(5);
        DeviceProfile prior = perturbed(truth, 6, 0.5, 2.0);
        List<Trace> traces = traces(truth, 3, 7);
        InSituFit.Result fit = InSituFit.fit(prior, traces, new InSituFit.Options(1.0));
        Map<String, List<InSituFit.FittedPoint>> classes = new LinkedHashMap<>();
        for (Map.Entry<String, List<CostPoint>> e : coOccurring(prior, traces).entrySet()) {
            for (CostPoint q : e.getValue()) {
                String text = fit.fitted().sources().get(fittedOf(fit, q).source());
                // a point pooled with its neighbours in m has left the pure ridge solution on purpose
                if (text.contains("pooled")) continue;
                for (InSituFit.FittedPoint p : fit.points()) {
                    if (p.prior() == q) classes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        int pairs = 0;
        for (List<InSituFit.FittedPoint> c : classes.values()) {
            for (int i = 1; i < c.size(); i++) {
                InSituFit.FittedPoint a = c.get(0);
                InSituFit.FittedPoint b = c.get(i);
                assertEquals(a.prior().latencyNs() / b.prior().latencyNs(), a.fittedNs() / b.fittedNs(),
                        1e-6 * a.prior().latencyNs() / b.prior().latencyNs(), a + " and " + b);
                pairs++;
            }
        }
        assertTrue(pairs > 0, "the graphs have points that always occur together");
        // and the prior does pull: a strong prior leaves the fit between the micro values and the truth
        assertTrue(fit.rmsRelativeAfter() < fit.rmsRelativeBefore());
    }

    @Test
    void removesContentionOverTheOverlapSeenInTheTrace() {
        DeviceProfile base = truth(8);
        DeviceProfile withContention = scaled(base, CostPoint::latencyNs, List.of(
                new ContentionSlowdown("npu", "cpu", null, null, new SourcedValue(0.5, "test"))));
        TaskGraph g = GRAPHS.get(0);
        CostTable costs = CostTable.build(g, withContention.platform(), new ProfileCostModel(withContention));
        int n = g.size();
        int[] lane = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        // task 0 on npu over [0, 1500); task 1 on cpu over [0, 500); the rest far later, apart
        lane[0] = 0;
        end[0] = 1500;
        lane[1] = 1;
        end[1] = 500;
        for (int t = 2; t < n; t++) {
            lane[t] = t % 2;
            start[t] = 10_000L * t;
            end[t] = start[t] + 100;
        }
        Trace trace = new Trace(costs, "synthetic", lane, start, end);
        Contention contention = new Contention(withContention);
        int[] ids = {0, 1};
        // 500 ns at rate 1 / 1.5, then 1000 ns alone
        assertEquals(500 / 1.5 + 1000, InSituFit.uncontendedNs(trace, 0, contention, ids), 1e-9);
        // the cpu is not slowed by the npu (no entry)
        assertEquals(500, InSituFit.uncontendedNs(trace, 1, contention, ids), 1e-9);
        assertEquals(1500, InSituFit.uncontendedNs(trace, 0, null, ids), 1e-9);
        assertEquals(100, InSituFit.uncontendedNs(trace, 2, contention, ids), 1e-9);
    }

    @Test
    void fitsUncontendedCostsFromContendedReplays() {
        List<ContentionSlowdown> slowdown = List.of(new ContentionSlowdown("npu", "cpu", null, null, new SourcedValue(0.3, "test")),
                new ContentionSlowdown("cpu", "npu", null, null, new SourcedValue(0.2, "test")));
        DeviceProfile truth = scaled(truth(9), CostPoint::latencyNs, slowdown);
        List<Trace> traces = new ArrayList<>();
        for (TaskGraph g : GRAPHS) {
            CostTable costs = CostTable.build(g, truth.platform(), new ProfileCostModel(truth));
            Engine engine = new Engine(costs, EngineOptions.DEFAULTS.withEffects(List.of(new Contention(truth))));
            for (long seed = 1; seed <= 4; seed++) traces.add(engine.run(new LowestIdPolicy(seed)));
        }
        boolean overlapped = false;
        for (Trace trace : traces) {
            for (int t = 0; t < trace.graph().size(); t++) {
                overlapped |= trace.endNs(t) - trace.startNs(t)
                        > new ProfileCostModel(truth).cost(trace.graph().task(t), truth.platform().processor(trace.processorOf(t))).durationNs();
            }
        }
        assertTrue(overlapped, "some task must run slowed");
        // one factor for all: the truth is then the fit's answer in every direction, identifiable or not
        DeviceProfile prior = scaled(truth, q -> 1.3 * q.latencyNs(), slowdown);

        InSituFit.Result fit = InSituFit.fit(prior, traces, new InSituFit.Options(1e-6));
        InSituFit.Result blind = InSituFit.fit(scaled(prior, CostPoint::latencyNs, List.of()), traces, new InSituFit.Options(1e-6));

        assertTrue(fit.contentionRemoved());
        assertFalse(blind.contentionRemoved());
        assertTrue(worstTaskError(fit.fitted(), truth, traces) < 0.005, "worst " + worstTaskError(fit.fitted(), truth, traces));
        assertTrue(worstTaskError(blind.fitted(), truth, traces) > 0.02, "fitting the slowed durations as they are must miss");
        assertEquals(slowdown, fit.fitted().contention());
    }

    @Test
    void refusesWithoutUsableTraces() {
        DeviceProfile prior = truth(11);
        UserInputException none = assertThrows(UserInputException.class, () -> InSituFit.fit(prior, List.of(), new InSituFit.Options(1)));
        assertTrue(none.getMessage().contains("no replay traces were given"), none.getMessage());

        TaskGraph g = GRAPHS.get(0);
        Trace foreign = new Trace(CostTable.build(g, prior.platform(), new ProfileCostModel(prior)), "x", new int[g.size()],
                new long[g.size()], new long[g.size()]);
        UserInputException zero = assertThrows(UserInputException.class, () -> InSituFit.fit(prior, List.of(foreign), new InSituFit.Options(1)));
        assertTrue(zero.getMessage().contains("positive duration"), zero.getMessage());
        assertThrows(UserInputException.class, () -> new InSituFit.Options(0));
        assertThrows(UserInputException.class, () -> new InSituFit.Options(Double.NaN));
    }

    @Test
    void predictsWithoutBiasWithTheProfileTracesCameFrom() {
        DeviceProfile truth = truth(12);
        List<Trace> traces = traces(truth, 1, 13);
        List<InSituFit.Prediction> exact = InSituFit.predict(truth, traces);
        assertEquals("all", exact.get(0).lane());
        assertEquals(0, exact.get(0).medianAbsolute(), 1e-9);
        List<InSituFit.Prediction> high = InSituFit.predict(scaled(truth, q -> 2 * q.latencyNs(), List.of()), traces);
        assertTrue(high.get(0).medianSigned() > 0.5, "a profile twice as slow over-predicts: " + high.get(0));
    }

    @Test
    void rightSkewedNoiseIsFittedToTheMeanDurationsASchedulesMakespanSums() {
        DeviceProfile truth = truth(1);
        // every fifth task (a preempted one) takes three times as long: durations skewed to the right, as steal time makes them
        List<Trace> skewed = new ArrayList<>();
        for (Trace clean : traces(truth, 4, 3)) {
            int n = clean.graph().size();
            int[] lane = new int[n];
            long[] start = new long[n];
            long[] end = new long[n];
            long[] clock = new long[LANES.size()];
            for (int t = 0; t < n; t++) {
                lane[t] = clean.processorOf(t);
                long d = (clean.endNs(t) - clean.startNs(t)) * (t % 5 == 0 ? 3 : 1);
                start[t] = clock[lane[t]];
                end[t] = start[t] + d;
                clock[lane[t]] = end[t];
            }
            skewed.add(new Trace(clean.costs(), clean.policy(), lane, start, end));
        }
        InSituFit.Result fit = InSituFit.fit(truth, skewed, new InSituFit.Options(1e-6));
        InSituFit.Prediction all = InSituFit.predict(fit.fitted(), skewed).get(0);
        assertEquals("all", all.lane());
        // scaled by measured durations, the fit would price these tasks about a quarter below their mean
        assertEquals(0.0, all.total(), 0.02, "total priced time against total measured time");
    }
}
