package org.hetsched.reports.table;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.Task;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.Csv;

/**
 * Per-task simulated against measured durations, as CSV: one row per (policy, measured run, task),
 * in that order, so every measurement is there to be re-analysed. Stateless.
 *
 * <p>Columns: {@code policy}, {@code run} (1-based), {@code task} (id), {@code label} (e.g.
 * {@code c1/attention@L0}), {@code processor} (where the schedule put it), {@code simulatedNs},
 * {@code measuredNs}, {@code residualNs} (simulated − measured: positive when the profile
 * over-prices the task) and {@code errorPct} (100 · residual / measured; empty when the measured
 * duration is 0).
 */
public final class TaskResidualsTable {
    /** The header row's columns. */
    public static final List<String> COLUMNS =
            List.of("policy", "run", "task", "label", "processor", "simulatedNs", "measuredNs", "residualNs", "errorPct");

    private TaskResidualsTable() {
    }

    /** RFC 4180 CSV ({@link Csv}, CRLF) with a header row; O(policies × runs × tasks) text. */
    public static String csv(List<SimulatedAndMeasured> policies) {
        List<List<String>> rows = new ArrayList<>();
        for (SimulatedAndMeasured p : policies) {
            Trace sim = p.simulated();
            for (int r = 0; r < p.measured().size(); r++) {
                Trace real = p.measured().get(r);
                for (int t = 0; t < sim.graph().size(); t++) {
                    Task task = sim.graph().task(t);
                    long simNs = sim.endNs(t) - sim.startNs(t);
                    long realNs = real.endNs(t) - real.startNs(t);
                    rows.add(List.of(p.policy(), Integer.toString(r + 1), Integer.toString(t), task.label(),
                            sim.platform().processor(sim.processorOf(t)).name(), Long.toString(simNs), Long.toString(realNs),
                            Long.toString(simNs - realNs), realNs == 0 ? "" : Double.toString(100.0 * (simNs - realNs) / realNs)));
                }
            }
        }
        return Csv.write(COLUMNS, rows, Csv.LineEnd.CRLF);
    }
}
