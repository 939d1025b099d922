package org.hetsched.backend.calibrate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.hetsched.backend.Backend;
import org.hetsched.backend.catalog.Backends;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.OnlineReplayer;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.UserInputException;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.Policy;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.PrefillCheck;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.calibrate.InSituFit;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredOn;
import org.hetsched.profiles.load.Workload;
import org.hetsched.scheduler.plan.PlannedPolicy;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.hetsched.scheduler.plan.StaticPlanner;

/**
 * Simulation against reality on the host backend: simulates a policy's schedule with a device
 * profile, replays the same per-lane orders for real several times, and compares. The replays
 * run in this process on one prepared backend, after untimed warm-up replays (so the JIT and the
 * caches are warm, as they were when the profile was measured); the timed replays of all policies
 * are interleaved round-robin ({@link #runOn}), so that the machine's slow drift does not land on
 * one policy. Stateless; a {@link Run} keeps
 * its traces, O(tasks × runs) memory.
 */
public final class HostValidation {
    /** Least time of the JVM warm-up replays, see {@link #warmUp}. */
    static final long WARMUP_NS = 2_000_000_000L;
    /** Most JVM warm-up replays. */
    static final int MAX_WARMUP_REPLAYS = 50;

    private HostValidation() {
    }

    /**
     * What one policy's validation produced; its statistics and tables are the reports' (see
     * {@code org.hetsched.reports.table.ValidationReport}).
     *
     * @param policy           policy name
     * @param traces           the simulated trace and the timed replays' traces, in run order
     * @param check            the final hidden states of the last timed replay against the
     *                         unchunked references (the replay computed the model correctly),
     *                         or null on a backend whose lanes do not compute the model (qnn)
     * @param forcedMismatches empty, or why the profile does not stand for this run
     *                         ({@link #profileMismatches}) when the run was forced anyway: then
     *                         the errors are not the simulator's
     */
    public record Run(String policy, SimulatedAndMeasured traces, PrefillCheck check, List<String> forcedMismatches,
                      Trace profileSimulated, InSitu inSitu) {
        public Run {
            forcedMismatches = List.copyOf(forcedMismatches);
            if (traces == null) throw new IllegalArgumentException("no traces for policy " + policy);
            if ((profileSimulated == null) != (inSitu == null)) {
                throw new IllegalArgumentException("the profile's own simulation comes with an in-situ calibration, and only with one");
            }
        }

        /** A run simulated with the given profile alone. */
        public Run(String policy, SimulatedAndMeasured traces, PrefillCheck check, List<String> forcedMismatches) {
            this(policy, traces, check, forcedMismatches, null, null);
        }
    }

    /**
     * The in-situ calibration of one validation ({@link Settings#inSituPlans}): the profile's
     * measured points refitted ({@link InSituFit}) to the replays of random plans that ran in the
     * same rounds as the policies' timed replays.
     *
     * @param plans the calibration plans' names
     * @param fit   the fit (its {@code fitted()} profile priced every {@code traces().simulated()})
     */
    public record InSitu(List<String> plans, InSituFit.Result fit) {
        public InSitu {
            plans = List.copyOf(plans);
        }

        /** One line: what was fitted to what, and how well. */
        public String describe() {
            return String.format(Locale.ROOT, "costs refitted in situ to %d replays of %d random plans, interleaved with the policies'"
                    + " timed replays (prior: the profile's points); per-task RMS relative error %.1f%% with the profile, %.1f%% fitted",
                    fit.replays(), plans.size(), 100 * fit.rmsRelativeBefore(), 100 * fit.rmsRelativeAfter());
        }
    }

    /**
     * Validates {@code request}'s policy with lanes pinned one per core and replays of its
     * simulated per-lane orders; see {@link #run(ReplayRequest, List, Settings)}.
     */
    public static Run run(ReplayRequest request, int runs, int warmup) {
        return run(request, List.of(request.policy()), Settings.host(runs, warmup)).get(0);
    }

    /**
     * How a validation runs.
     *
     * @param backend           {@link Backends} name: {@code host} or {@code qnn}
     * @param runs              timed replays per policy, ≥ 1
     * @param warmup            untimed replays before them, ≥ 0
     * @param lanes             how the replay's workers sit on the cores
     * @param online            drive each policy by the lanes' real completion events
     *                          ({@link OnlineReplayer}), deciding with the profile's costs, instead of
     *                          replaying the per-lane orders of its simulated run; static policies then
     *                          follow their plan as in the engine
     * @param shareLayerWeights one layer's weights for every layer, so a model whose per-layer
     *                          weights exceed the memory budget still runs (the output check then
     *                          compares against references with the same shared weights)
     * @param force             run even if the profile was not measured for this run
     *                          ({@link #profileMismatches}); the reports then say so
     * @param inSituPlans       0, or that many random calibration plans replayed in every round
     *                          beside the policies, whose replays refit the profile's points
     *                          ({@link InSitu}); each policy is then simulated with the refitted
     *                          profile, and with the given one for comparison
     */
    public record Settings(String backend, int runs, int warmup, ReplayOptions lanes, boolean online, boolean shareLayerWeights,
                           boolean force, int inSituPlans) {
        /** @throws UserInputException if {@code inSituPlans} is negative */
        public Settings {
            if (inSituPlans < 0) throw new UserInputException("in-situ calibration plans must be >= 0, got " + inSituPlans);
        }

        /** Settings without in-situ calibration. */
        public Settings(String backend, int runs, int warmup, ReplayOptions lanes, boolean online, boolean shareLayerWeights,
                        boolean force) {
            this(backend, runs, warmup, lanes, online, shareLayerWeights, force, 0);
        }

        /** Pinned lanes, plan replays, per-layer weights on the host backend, not forced. */
        public static Settings host(int runs, int warmup) {
            return new Settings("host", runs, warmup, ReplayOptions.defaults(HostBackend.lanes().size()), false, false, false);
        }
    }

    /**
     * Why {@code request}'s device profile cannot stand for {@code backend}'s lanes running its
     * model and plan on this machine, one line per reason, empty if it can: its
     * {@link MeasuredOn} must name this backend, the model (name and the shapes of its ops), the
     * plan, and this machine's CPU model and architecture. A profile without a {@code measuredOn}
     * (a built-in device derived from papers, a profile written before hetsched recorded it)
     * counts as not measured here.
     *
     */
    public static List<String> profileMismatches(ReplayRequest request, String backend) {
        DeviceProfile profile = request.workload().profile();
        ModelSpec model = request.model();
        String plan = request.workload().plan();
        MeasuredOn m = profile.measuredOn();
        String what = "profile " + request.workload().request().device() + " (" + profile.name() + ")";
        if (m == null) {
            return List.of(what + " does not say what it was measured on (no " + MeasuredOn.FIELD + "): it is a device derived from"
                    + " published numbers or a profile written before hetsched recorded it, not a calibration of the " + backend
                    + " backend with " + model.name() + "; calibrate one with 'hetsched profile --backend " + backend + "'");
        }
        List<String> out = new ArrayList<>();
        if (!m.backend().equals(backend)) {
            out.add(what + " was measured on backend " + m.backend() + ", not on the " + backend + " backend asked for");
        }
        if (!m.model().equals(model.name())) {
            out.add(what + " was measured for model " + m.model() + ", not " + model.name());
        } else if (!m.modelShape().equals(MeasuredOn.shapeOf(model))) {
            out.add(what + " was measured for a model " + m.model() + " of other shapes (" + m.modelShape() + ") than this one ("
                    + MeasuredOn.shapeOf(model) + ")");
        }
        if (!m.plan().equals(plan)) out.add(what + " was measured under plan " + m.plan() + ", not " + plan);
        Provenance here = Provenance.ofThisMachine(m.hetschedVersion(), m.date());
        if (!here.sameMachine(m)) {
            out.add(what + " was measured on " + m.hostname() + " (" + m.osArch() + ", " + m.cpuModel() + "), not on this machine ("
                    + here.osArch() + ", " + here.cpuModel() + ")");
        }
        return out;
    }

    /**
     * Validates each of {@code policies} on {@code request}'s configuration (its device must be the
     * calibrated profile; its policy field is ignored). One backend is prepared once for all of
     * them, so the model's tensors are built once. After the JVM warm-up each policy's schedule is
     * built and warmed up, then the timed replays run round-robin (see {@link #runOn}); each run's
     * traces stay in run order.
     *
     * @return one run per policy, in order
     * @throws UserInputException if runs or warm-up are out of range, the request names something
     *     unknown, the tensors exceed the memory budget, the lane CPUs do not fit, (online) the
     *     profile does not describe the lanes, or (unless forced) the profile was not measured for
     *     this run
     */
    public static List<Run> run(ReplayRequest request, List<String> policies, Settings settings) {
        return run(request, policies, settings, null);
    }

    /**
     * {@link #run(ReplayRequest, List, Settings)}, watching the lane CPUs for other load with
     * {@code load} (null: no watch): its idle check before the backend is built, then from the
     * warm-up replays to the last timed one.
     *
     * @throws UserInputException also if {@code load} finds a lane CPU over its threshold and noise
     *     is not allowed
     */
    public static List<Run> run(ReplayRequest request, List<String> policies, Settings settings, LoadMonitor load) {
        int runs = settings.runs();
        int warmup = settings.warmup();
        List<String> problems = new ArrayList<>();
        if (runs < 1) problems.add("runs must be >= 1, got " + runs);
        if (warmup < 0) problems.add("warm-up runs must be >= 0, got " + warmup);
        if (policies.isEmpty()) problems.add("no policy to validate");
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        List<String> mismatches = profileMismatches(request, settings.backend());
        if (!mismatches.isEmpty() && !settings.force()) {
            throw new UserInputException(String.join("; ", mismatches) + " (give --force to validate against it anyway)");
        }
        if (load != null) load.checkIdle();
        try (Backend backend = Backends.open(settings.backend(), request.model(), new HostBackend.Options(request.memoryBudgetBytes(),
                request.seed(), settings.shareLayerWeights()))) {
            return runOn(backend, request, policies, settings, load, mismatches);
        }
    }

    /**
     * The replays of {@link #run(ReplayRequest, List, Settings, LoadMonitor)} on an opened
     * {@code backend}: the JVM warm-up, then per policy its schedule built and its {@code warmup}
     * untimed replays, then the timed replays in rounds, round r replaying every policy once
     * starting at policy r mod P, so that a slow drift of the machine's throughput spreads over all
     * policies instead of landing on the one measured last, and no policy is always first. After the
     * rounds, each policy is replayed once more, untimed, and its output checked: a check computes
     * an unchunked prefill, which would otherwise sit between two timed replays.
     */
    static List<Run> runOn(Backend backend, ReplayRequest request, List<String> policies, Settings settings, LoadMonitor load,
                           List<String> mismatches) {
        int runs = settings.runs();
        ReplayOptions lanes = settings.lanes();
        ModelSpec model = request.model();
        TaskGraph graph = request.graph();
        lanes.check(backend.platform());
        backend.prepare(graph);
        if (load != null) load.start();
        warmUp(backend, graph, request.withPolicy(policies.get(0)), lanes);
        List<Timed> timed = new ArrayList<>(policies.size());
        for (String policy : policies) timed.add(new Timed(backend, request.withPolicy(policy), settings));
        int count = policies.size();
        List<Timed> calibration = calibrationPlans(backend, request, timed, settings);
        List<Timed> all = new ArrayList<>(timed);
        all.addAll(calibration);
        PrefillCheck[] checks = new PrefillCheck[count];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < all.size(); k++) {
                Timed next = all.get((r + k) % all.size());
                next.measured.add(next.replay());
            }
        }
        if (load != null) load.stop();
        if (backend instanceof HostBackend host) {
            // one untimed replay per policy to check: a check computes an unchunked prefill, which
            // must not sit between timed replays
            for (int p = 0; p < count; p++) {
                timed.get(p).replay();
                checks[p] = host.check();
            }
        }
        InSitu inSitu = null;
        Workload refitted = null;
        if (!calibration.isEmpty()) {
            List<Trace> traces = new ArrayList<>();
            for (Timed c : calibration) traces.addAll(c.measured);
            InSituFit.Result fit = InSituFit.fit(request.workload().profile(), traces, new InSituFit.Options(InSituFit.DEFAULT_PRIOR_WEIGHT));
            inSitu = new InSitu(calibration.stream().map(c -> c.policy).toList(), fit);
            refitted = request.workload().pricedOn(fit.fitted());
        }
        List<Run> results = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            Timed t = timed.get(p);
            if (inSitu == null) {
                results.add(new Run(t.policy, new SimulatedAndMeasured(model.name(), t.simulated, t.measured), checks[p], mismatches));
            } else {
                Trace simulated = t.simulateOn(refitted);
                results.add(new Run(t.policy, new SimulatedAndMeasured(model.name(), simulated, t.measured), checks[p], mismatches,
                        t.simulated, inSitu));
            }
        }
        return results;
    }

    /**
     * {@code settings.inSituPlans()} random plans of the request's graph (fewer if the graph has
     * fewer distinct ones), made as in-situ calibration makes them ({@link InSituCalibration#plans}),
     * none equal to a validated policy's plan, so the refitted profile never predicts a schedule it
     * was fitted on.
     */
    private static List<Timed> calibrationPlans(Backend backend, ReplayRequest request, List<Timed> policies, Settings settings) {
        int wanted = settings.inSituPlans();
        if (wanted == 0) return List.of();
        if (!(backend instanceof HostBackend)) {
            throw new UserInputException("in-situ calibration needs the host backend, whose lanes report every task's duration");
        }
        Set<String> validated = new HashSet<>();
        for (Timed t : policies) {
            if (t.plan != null) validated.add(InSituCalibration.key(t.plan));
        }
        TaskGraph graph = request.graph();
        int chunk = request.workload().request().chunkTokens();
        List<InSituCalibration.Plan> candidates = List.of();
        // a small graph may have fewer distinct random plans than asked for: take as many as it has
        for (int total = wanted + validated.size(); total > 0 && candidates.isEmpty(); total--) {
            try {
                candidates = InSituCalibration.plans(request.workload().profile(), List.of(graph), List.of(chunk), total, request.seed(),
                        backend.platform()).get(0);
            } catch (UserInputException tooFew) {
                candidates = List.of();
            }
        }
        List<Timed> out = new ArrayList<>();
        Replayer replayer = new Replayer(backend, settings.lanes());
        for (InSituCalibration.Plan c : candidates) {
            if (out.size() == wanted) break;
            if (validated.contains(InSituCalibration.key(c.plan()))) continue;
            out.add(new Timed(c.name(), () -> replayer.replay(graph, c.plan(), c.name()).trace()));
        }
        if (out.isEmpty()) {
            throw new UserInputException("the prefill graph has no random plan other than the validated policies' own, so there is"
                    + " nothing to refit its costs to in situ; give --in-situ 0");
        }
        return out;
    }

    /** One policy's schedule, ready to replay (warmed up when built), and its timed replays so far, in run order. */
    private static final class Timed {
        private final String policy;
        private final ReplayRequest request;
        private final Trace simulated;
        /** The replayed per-lane orders, or null for an online replay (the policy decides as it runs). */
        private final SchedulePlan plan;
        private final List<Trace> measured = new ArrayList<>();
        private final Supplier<Trace> replay;

        Timed(Backend backend, ReplayRequest one, Settings settings) {
            policy = one.policy();
            request = one;
            simulated = one.simulate();
            TaskGraph graph = one.graph();
            if (settings.online()) {
                CostTable estimates = one.estimates(backend.platform());
                OnlineReplayer replayer = new OnlineReplayer(backend, settings.lanes());
                plan = null;
                replay = () -> replayer.replay(estimates, one.newPolicy()).trace();
            } else {
                plan = one.plan(backend.platform(), simulated);
                Replayer replayer = new Replayer(backend, settings.lanes());
                replay = () -> replayer.replay(graph, plan, policy).trace();
            }
            for (int i = 0; i < settings.warmup(); i++) replay.get();
        }

        /** A calibration plan: replayed, never simulated or reported. */
        Timed(String name, Supplier<Trace> replay) {
            policy = name;
            request = null;
            simulated = null;
            plan = null;
            this.replay = replay;
        }

        /**
         * This policy's simulation on {@code workload} (the same graph, priced otherwise): the
         * replayed per-lane orders followed as a static plan, or, online, the policy itself.
         */
        Trace simulateOn(Workload workload) {
            Policy policy = plan != null ? new PlannedPolicy(new FixedPlan(this.policy, plan)) : request.newPolicy();
            return new Engine(workload.costs(), workload.engineOptions(false)).run(policy);
        }

        Trace replay() {
            return replay.get();
        }
    }

    /**
     * Replays one plan untimed until {@link #WARMUP_NS} have passed (at least once, at most
     * {@link #MAX_WARMUP_REPLAYS} times), before any policy's own warm-up: the first replays of a
     * JVM run the kernels' Java loops interpreted, which would make the first policy look slower
     * than the others for reasons that have nothing to do with its schedule.
     */
    private static void warmUp(Backend backend, TaskGraph graph, ReplayRequest first, ReplayOptions lanes) {
        SchedulePlan plan = first.plan(backend.platform(), first.simulate());
        Replayer replayer = new Replayer(backend, lanes);
        long until = System.nanoTime() + WARMUP_NS;
        for (int i = 0; i < MAX_WARMUP_REPLAYS && (i == 0 || System.nanoTime() < until); i++) replayer.replay(graph, plan, first.policy());
    }

    /** A plan already made: what {@link PlannedPolicy} follows to simulate a replayed schedule on other costs. */
    private record FixedPlan(String name, SchedulePlan plan) implements StaticPlanner {
        @Override
        public String description() {
            return "the per-lane orders " + name + " replayed";
        }

        @Override
        public SchedulePlan plan(CostTable costs) {
            return plan;
        }
    }
}
