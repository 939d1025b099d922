package org.hetsched.backend.calibrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.calibrate.InSituFit;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.online.RandomPolicy;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * In-situ calibration of the host backend: the micro-benchmark profile first
 * ({@link HostCalibration}: every op shape alone, the prior of the fit and the value of every point
 * no replay uses), then real replays of varied plans of the same graphs on pinned lanes, and an
 * {@link InSituFit} of the profile's points to the replays' per-task durations.
 *
 * <p><b>Calibration plans.</b> Seeded random list schedules: the engine runs {@link RandomPolicy}
 * (each idle lane draws a random ready task it may run) on a profiled graph with the micro
 * profile's costs, and the lanes' orders of that run are the plan. Seeds are
 * {@code seed + 1, seed + 2, …}, skipping {@link PolicyOptions#DEFAULTS}' seed (the shipped
 * {@code random} policy's own plan, which validation may replay), and a seed whose plan repeats an
 * earlier one of its graph is skipped too, so every plan is distinct. Plans go round-robin over
 * the chunk sizes; the last {@code heldOut} of them are replayed but not fitted, and both profiles
 * predict them ({@link InSituFit#predict}), which tells whether either is biased on plans it was
 * not fitted on. No shipped policy's plan is used, so a later {@code validate} of those policies
 * never predicts a plan the profile was fitted on.
 *
 * <p><b>Replays.</b> One {@link HostBackend} (per-layer weights, as {@code validate} replays),
 * each graph prepared in turn; {@link Replayer} with the lanes pinned as given; before each
 * graph's plans, {@code warmup} untimed replays of its first plan; then each plan once. Stateless.
 */
public final class InSituCalibration {
    /** Most seeds tried per wanted plan before the graph is taken to have too few distinct random plans. */
    static final int SEED_TRIES = 100;

    private InSituCalibration() {
    }

    /**
     * How the in-situ part runs.
     *
     * @param replays     calibration replays fitted, ≥ 1
     * @param heldOut     further replays of other plans, predicted by both profiles and not fitted, ≥ 0
     * @param warmup      untimed replays per graph first, ≥ 0
     * @param priorWeight the fit's prior weight ({@link InSituFit.Options})
     * @param lanes       how the replay's workers sit on the cores
     */
    public record Settings(int replays, int heldOut, int warmup, double priorWeight, ReplayOptions lanes) {
        /** @throws UserInputException listing every bad value */
        public Settings {
            List<String> problems = new ArrayList<>();
            if (replays < 1) problems.add("calibration replays must be >= 1, got " + replays);
            if (heldOut < 0) problems.add("held-out replays must be >= 0, got " + heldOut);
            if (warmup < 0) problems.add("warm-up replays must be >= 0, got " + warmup);
            try {
                new InSituFit.Options(priorWeight);
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
            if (lanes == null) problems.add("lane placement is required");
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        }
    }

    /**
     * An in-situ calibration.
     *
     * @param micro           the micro-benchmark calibration (its profile is the fit's prior)
     * @param fit             the fit
     * @param profile         the profile to write: the fit's, with the held-out comparison in its sources
     * @param plans           the calibration plans' names, fitted ones first, then the held-out ones
     * @param microHeldOut    the micro profile's predictions of the held-out replays (empty without any)
     * @param inSituHeldOut   the fitted profile's
     */
    public record Result(HostCalibration.Result micro, InSituFit.Result fit, ObjectNode profile, List<String> plans,
                         List<InSituFit.Prediction> microHeldOut, List<InSituFit.Prediction> inSituHeldOut) {
        public Result {
            plans = List.copyOf(plans);
            microHeldOut = List.copyOf(microHeldOut);
            inSituHeldOut = List.copyOf(inSituHeldOut);
        }

        /** Writes the profile as indented JSON to {@code out}, which stays open. */
        public void writeProfile(OutputStream out) throws IOException {
            ProfileJson.write(out, profile);
        }
    }

    /**
     * Runs the micro-benchmarks, the replays and the fit, watching the CPUs with {@code load}
     * (null: no watch) from its idle check to the last replay.
     *
     * @throws UserInputException if a setting is out of range, the graphs have too few distinct
     *     random plans, the tensors exceed the memory budget, the lane CPUs do not fit, or
     *     {@code load} finds a CPU over its threshold and noise is not allowed
     */
    public static Result run(HostCalibration.Request request, Provenance provenance, Settings settings, LoadMonitor load) {
        Platform lanes = HostBackend.lanes();
        settings.lanes().check(lanes);
        if (load != null) {
            load.checkIdle();
            load.start();
        }
        HostCalibration.Result micro = HostCalibration.run(request, provenance);
        DeviceProfile prior = ProfileReader.parse(ProfileJson.toText(micro.profile()), "micro-benchmark profile");
        List<TaskGraph> graphs = HostCalibration.graphs(request);
        int total = settings.replays() + settings.heldOut();
        List<List<Plan>> byGraph = plans(prior, graphs, request.chunkTokens(), total, request.seed(), lanes);
        List<Trace> fitted = new ArrayList<>();
        List<Trace> heldOut = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (HostBackend backend = new HostBackend(request.model(), new HostBackend.Options(request.memoryBudgetBytes(), request.seed(), false))) {
            Replayer replayer = new Replayer(backend, settings.lanes());
            for (int g = 0; g < graphs.size(); g++) {
                if (byGraph.get(g).isEmpty()) continue;
                TaskGraph graph = graphs.get(g);
                backend.prepare(graph);
                Plan first = byGraph.get(g).get(0);
                for (int i = 0; i < settings.warmup(); i++) replayer.replay(graph, first.plan(), first.name());
                for (Plan p : byGraph.get(g)) {
                    Trace trace = replayer.replay(graph, p.plan(), p.name()).trace();
                    (p.index() < settings.replays() ? fitted : heldOut).add(trace);
                }
            }
        }
        if (load != null) load.stop();
        for (List<Plan> list : byGraph) {
            for (Plan p : list) {
                if (p.index() < settings.replays()) names.add(p.name());
            }
        }
        for (List<Plan> list : byGraph) {
            for (Plan p : list) {
                if (p.index() >= settings.replays()) names.add(p.name());
            }
        }
        InSituFit.Result fit = InSituFit.fit(prior, fitted, new InSituFit.Options(settings.priorWeight()));
        ObjectNode profile = fit.profile();
        List<InSituFit.Prediction> microPrediction = List.of();
        List<InSituFit.Prediction> inSituPrediction = List.of();
        if (!heldOut.isEmpty()) {
            microPrediction = InSituFit.predict(prior, heldOut);
            inSituPrediction = InSituFit.predict(fit.fitted(), heldOut);
            ProfileJson.putSource(profile, "in-situ-held-out", "Measured: " + heldOut.size() + " held-out replays of plans not used in"
                    + " the fit, each task priced by both profiles, relative error (priced - measured) / measured: micro-benchmark "
                    + describe(microPrediction) + "; in situ " + describe(inSituPrediction) + ".");
        }
        return new Result(micro, fit, profile, names, microPrediction, inSituPrediction);
    }

    /** "all: median +1.2%, |median| 3.4%, total +0.9% (200 tasks); npu: ..." */
    public static String describe(List<InSituFit.Prediction> predictions) {
        List<String> parts = new ArrayList<>();
        for (InSituFit.Prediction p : predictions) {
            parts.add(String.format(Locale.ROOT, "%s: median %+.2f%%, median |error| %.2f%%, total %+.2f%% (%d tasks)", p.lane(),
                    100 * p.medianSigned(), 100 * p.medianAbsolute(), 100 * p.total(), p.tasks()));
        }
        return String.join("; ", parts);
    }

    /** A calibration plan: its position among all plans (fitted below the replay count), name and orders. */
    record Plan(int index, String name, SchedulePlan plan) {
    }

    /** {@code total} distinct random plans, round-robin over {@code graphs}, grouped by graph. */
    static List<List<Plan>> plans(DeviceProfile prior, List<TaskGraph> graphs, List<Integer> chunkTokens, int total, long seed,
                                  Platform lanes) {
        List<String> profiled = prior.platform().processors().stream().map(Processor::name).toList();
        List<String> laneNames = lanes.processors().stream().map(Processor::name).toList();
        if (!profiled.equals(laneNames)) {
            throw new IllegalStateException("the micro-benchmark profile has processors " + profiled + ", the lanes are " + laneNames);
        }
        ProfileCostModel model = new ProfileCostModel(prior);
        List<CostTable> tables = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        List<List<Plan>> out = new ArrayList<>();
        for (TaskGraph g : graphs) {
            tables.add(CostTable.build(g, prior.platform(), model));
            seen.add(new HashSet<>());
            out.add(new ArrayList<>());
        }
        long next = seed;
        for (int i = 0; i < total; i++) {
            int g = i % graphs.size();
            Plan plan = null;
            for (int attempt = 0; attempt < SEED_TRIES && plan == null; attempt++) {
                next++;
                if (next == PolicyOptions.DEFAULTS.seed()) next++;
                Trace run = new Engine(tables.get(g)).run(new RandomPolicy(next));
                int[] laneOf = new int[graphs.get(g).size()];
                long[] start = new long[laneOf.length];
                long[] end = new long[laneOf.length];
                for (int t = 0; t < laneOf.length; t++) {
                    laneOf[t] = run.processorOf(t);
                    start[t] = run.startNs(t);
                    end[t] = run.endNs(t);
                }
                SchedulePlan candidate = SchedulePlan.fromSchedule(lanes.size(), laneOf, start, end);
                if (seen.get(g).add(key(candidate))) {
                    plan = new Plan(i, "in-situ-random-seed" + next + "-chunk" + chunkTokens.get(g), candidate);
                }
            }
            if (plan == null) {
                throw new UserInputException("the prefill graph at chunk size " + chunkTokens.get(g) + " has fewer than "
                        + (out.get(g).size() + 1) + " distinct random plans (" + SEED_TRIES + " seeds tried); ask for fewer"
                        + " calibration and held-out replays");
            }
            out.get(g).add(plan);
        }
        return out;
    }

    static String key(SchedulePlan plan) {
        int[][] orders = new int[plan.processors()][];
        for (int p = 0; p < orders.length; p++) orders[p] = plan.order(p);
        return Arrays.deepToString(orders);
    }
}
