package org.hetsched.backend.calibrate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.replay.OnlineReplayer;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.scheduler.plan.SchedulePlan;

/**
 * Simulation against reality on the host backend: simulates a policy's schedule with a device
 * profile, replays the same per-lane orders for real several times, and compares. The replays
 * run in this process on one prepared backend, after untimed warm-up replays (so the JIT and the
 * caches are warm, as they were when the profile was measured). Stateless; a {@link Report} keeps
 * its traces, O(tasks × runs) memory.
 */
public final class HostValidation {
    private HostValidation() {
    }

    /**
     * Simulated and measured runs of one policy's schedule.
     *
     * @param policy                 policy name
     * @param simulatedMakespanNs    simulated makespan
     * @param measuredMakespansNs    makespan of each timed replay, in run order
     * @param medianAbsErrorPct      median over runs of |sim − real| / real, %
     * @param worstAbsErrorPct       largest of those, %
     * @param medianTaskAbsErrorPct  median over runs and tasks with a measured duration &gt; 0 of
     *                               |simulated − measured duration| / measured, %
     * @param medianTaskResidualNs   median over the same of (simulated − measured) duration, ns
     *                               (positive: the profile over-prices tasks)
     * @param traces                 the simulated trace and the timed replays' traces these numbers
     *                               come from, for charts and trace files
     */
    public record Report(String policy, long simulatedMakespanNs, List<Long> measuredMakespansNs, double medianAbsErrorPct,
                         double worstAbsErrorPct, double medianTaskAbsErrorPct, double medianTaskResidualNs,
                         SimulatedAndMeasured traces) {
        public Report {
            measuredMakespansNs = List.copyOf(measuredMakespansNs);
            if (measuredMakespansNs.isEmpty()) throw new IllegalArgumentException("no measured runs for policy " + policy);
            if (traces == null) throw new IllegalArgumentException("no traces for policy " + policy);
        }

        /** Median of {@link #measuredMakespansNs}. */
        public double measuredMakespanNsMedian() {
            return median(measuredMakespansNs.stream().mapToDouble(Long::doubleValue).toArray());
        }
    }

    /**
     * Validates {@code request}'s policy (its device must be the calibrated profile).
     *
     * @param runs   timed replays, ≥ 1
     * @param warmup untimed replays before them, ≥ 0
     * @throws UserInputException if runs or warm-up are out of range, or the request names something unknown
     */
    public static Report run(ReplayRequest request, int runs, int warmup) {
        return run(request, runs, warmup, ReplayOptions.defaults(HostBackend.lanes().size()), false);
    }

    /**
     * Validates {@code request}'s policy (its device must be the calibrated profile).
     *
     * @param runs    timed replays, ≥ 1
     * @param warmup  untimed replays before them, ≥ 0
     * @param lanes   how the replay's workers sit on the cores
     * @param online  drive the policy by the lanes' real completion events ({@link OnlineReplayer}),
     *                deciding with the profile's costs, instead of replaying the per-lane orders of
     *                its simulated run; static policies then follow their plan as in the engine
     * @throws UserInputException if runs or warm-up are out of range, the request names something
     *     unknown, the lane CPUs do not fit, or (online) the profile does not describe the lanes
     */
    public static Report run(ReplayRequest request, int runs, int warmup, ReplayOptions lanes, boolean online) {
        List<String> problems = new ArrayList<>();
        if (runs < 1) problems.add("runs must be >= 1, got " + runs);
        if (warmup < 0) problems.add("warm-up runs must be >= 0, got " + warmup);
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        TaskGraph graph = request.graph();
        Trace simulated = request.simulate(graph);
        List<Trace> measured = new ArrayList<>(runs);
        try (HostBackend backend = new HostBackend(request.memoryBudgetBytes(), request.seed())) {
            if (online) {
                CostTable estimates = request.estimates(graph, backend.platform());
                OnlineReplayer replayer = new OnlineReplayer(backend, lanes);
                backend.prepare(graph);
                for (int i = 0; i < warmup; i++) replayer.replay(estimates, request.newPolicy());
                for (int i = 0; i < runs; i++) measured.add(replayer.replay(estimates, request.newPolicy()).trace());
            } else {
                SchedulePlan plan = request.plan(graph, backend.platform(), simulated);
                Replayer replayer = new Replayer(backend, lanes);
                backend.prepare(graph);
                for (int i = 0; i < warmup; i++) replayer.replay(graph, plan, request.policy());
                for (int i = 0; i < runs; i++) measured.add(replayer.replay(graph, plan, request.policy()).trace());
            }
        }
        return compare(new ModelResolver().resolve(request.model()).name(), request.policy(), simulated, measured);
    }

    /** The comparison of {@link #run}, for traces of one graph built from {@code model}. */
    static Report compare(String model, String policy, Trace simulated, List<Trace> measured) {
        long sim = simulated.makespanNs();
        List<Long> makespans = new ArrayList<>();
        double[] errors = new double[measured.size()];
        List<Double> taskErrors = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        for (int r = 0; r < measured.size(); r++) {
            Trace real = measured.get(r);
            makespans.add(real.makespanNs());
            errors[r] = 100.0 * Math.abs(sim - real.makespanNs()) / Math.max(1, real.makespanNs());
            for (int t = 0; t < simulated.graph().size(); t++) {
                long realNs = real.endNs(t) - real.startNs(t);
                if (realNs <= 0) continue;
                long simNs = simulated.endNs(t) - simulated.startNs(t);
                taskErrors.add(100.0 * Math.abs(simNs - realNs) / realNs);
                residuals.add((double) (simNs - realNs));
            }
        }
        double worst = 0;
        for (double e : errors) worst = Math.max(worst, e);
        return new Report(policy, sim, makespans, median(errors), worst,
                taskErrors.isEmpty() ? 0 : median(taskErrors.stream().mapToDouble(Double::doubleValue).toArray()),
                residuals.isEmpty() ? 0 : median(residuals.stream().mapToDouble(Double::doubleValue).toArray()),
                new SimulatedAndMeasured(model, simulated, measured));
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
