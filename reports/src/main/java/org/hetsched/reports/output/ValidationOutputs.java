package org.hetsched.reports.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.core.Median;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.chart.GanttChart;
import org.hetsched.reports.chart.ParityChart;
import org.hetsched.reports.table.MakespanSample;
import org.hetsched.reports.table.RankingFidelity;
import org.hetsched.reports.table.TaskResidualsTable;
import org.hetsched.reports.trace.ChromeTrace;
import org.hetsched.reports.trace.LabelledTrace;

/**
 * The output folder of {@code validate}, simulation against measured replays per policy:
 *
 * <ul>
 *   <li>{@code validation.json}, {@code validation.csv}: the table, as the backend's validation
 *       renders it (passed in, so the folder holds exactly what the command prints);</li>
 *   <li>{@code residuals.csv}: every task of every measured run beside its simulated duration
 *       ({@link TaskResidualsTable});</li>
 *   <li>{@code perfetto.json}: one Chrome trace with one process per run, per policy first the
 *       simulated run (label {@value #SIMULATED}), then each measured one ("measured run 1", …);</li>
 *   <li>{@code charts/gantt-POLICY.svg|png|pdf}: the simulated run above the measured run of median
 *       makespan, on one time axis, one lane per processor;</li>
 *   <li>{@code charts/parity.svg|png|pdf}: per task, simulated against measured duration (the median
 *       over the runs), one series per policy, with each policy's makespan (simulated against the
 *       median measured one) and y = x ± 10%;</li>
 *   <li>{@code charts/ranking.svg|png|pdf} (with two policies or more): per pair of policies (a, b),
 *       the simulated speedup of a over b (b's makespan / a's) against the measured one (mean
 *       makespans), with the measured speedup's 95% interval as a bar ({@link RankingFidelity}),
 *       y = x ± 10%; one legend entry per pair up to {@value #PAIRS_IN_LEGEND} pairs, else one per
 *       policy a.</li>
 * </ul>
 *
 * Stateless.
 */
public final class ValidationOutputs {
    /** Label of the simulated run in the trace and the Gantt. */
    public static final String SIMULATED = "simulated";
    /** Label of the measured run in the Gantt; in the trace it is followed by " run N". */
    public static final String MEASURED = "measured";

    /** The most policy pairs the ranking chart names one by one in its legend. */
    static final int PAIRS_IN_LEGEND = 10;

    /** The ranking chart's height without legend, and what each legend entry adds (about three share a row). */
    private static final double RANKING_HEIGHT_IN = 3.2;
    private static final double RANKING_LEGEND_IN_PER_SERIES = 0.08;

    private ValidationOutputs() {
    }

    /**
     * Every file of the folder, to be written all or nothing.
     *
     * @param policies  per policy its simulated run and measured replays, in table order
     * @param tableJson the table as JSON (validation.json)
     * @param tableCsv  the table as CSV (validation.csv)
     * @throws IllegalArgumentException if there is no policy, one appears twice, or the runs do not fit
     *                                  one trace file (see {@link #maxRuns})
     */
    public static OutputFiles files(List<SimulatedAndMeasured> policies, String tableJson, String tableCsv) {
        if (policies.isEmpty()) throw new IllegalArgumentException("no policy was validated");
        Set<String> seen = new HashSet<>();
        for (SimulatedAndMeasured p : policies) {
            if (!seen.add(p.policy())) throw new IllegalArgumentException("policy " + p.policy() + " appears twice");
            if (p.measured().size() > maxRuns(policies.size())) {
                throw new IllegalArgumentException(p.measured().size() + " measured runs of " + policies.size()
                        + " policies do not fit one trace file; at most " + maxRuns(policies.size()) + " each");
            }
        }
        OutputFiles files = new OutputFiles()
                .add("validation.json", out -> out.write(tableJson.getBytes(StandardCharsets.UTF_8)))
                .add("validation.csv", out -> out.write(tableCsv.getBytes(StandardCharsets.UTF_8)))
                .add("residuals.csv", out -> out.write(TaskResidualsTable.csv(policies).getBytes(StandardCharsets.UTF_8)));
        List<LabelledTrace> traces = traces(policies);
        files.add("perfetto.json", out -> ChromeTrace.write(traces, out));
        RunOutputs.charts(files, charts(policies), null);
        return files;
    }

    /** The charts of {@link #files}: a Gantt per policy, then the parity chart. */
    static List<NamedChart> charts(List<SimulatedAndMeasured> policies) {
        List<NamedChart> charts = new ArrayList<>();
        for (SimulatedAndMeasured p : policies) charts.add(gantt(p));
        charts.add(new NamedChart("parity", "Simulated against measured duration of every task (median over the runs) and of"
                + " the makespan, per policy, with y = x and a ±" + ParityChart.BAND_PERCENT + "% band.",
                ParityChart.of(parity(policies), FigureSize.ONE_COLUMN.withHeightIn(3.4))));
        if (policies.size() >= 2) {
            charts.add(new NamedChart("ranking", "Per pair of policies (a, b): the simulated speedup of a over b (b's makespan / a's)"
                    + " against the measured one (mean makespans), with the measured speedup's 95% interval as a bar, y = x, a ±"
                    + ParityChart.BAND_PERCENT + "% band and dotted lines at 1×. A point left of 1 while above it (or the reverse) is a pair the simulation"
                    + " ranks the wrong way.",
                    ParityChart.ofRatios(ranking(policies), "simulated speedup of a over b (×)", "measured speedup (×)",
                            FigureSize.ONE_COLUMN.withHeightIn(RANKING_HEIGHT_IN + RANKING_LEGEND_IN_PER_SERIES * pairs(policies.size())))));
        }
        return charts;
    }

    /** The most measured runs per policy that fit one trace file beside the simulated runs (0 if none do). */
    public static int maxRuns(int policies) {
        if (policies < 1) throw new IllegalArgumentException("policies must be >= 1, got " + policies);
        return Math.max(0, ChromeTrace.MAX_RUNS / policies - 1);
    }

    /** The runs of perfetto.json, in order: per policy the simulated run, then each measured one. */
    static List<LabelledTrace> traces(List<SimulatedAndMeasured> policies) {
        List<LabelledTrace> traces = new ArrayList<>();
        for (SimulatedAndMeasured p : policies) {
            traces.add(new LabelledTrace(SIMULATED, p.simulated(), p.model(), p.simulated().platform().name()));
            for (int r = 0; r < p.measured().size(); r++) {
                Trace run = p.measured().get(r);
                traces.add(new LabelledTrace(MEASURED + " run " + (r + 1), run, p.model(), run.platform().name()));
            }
        }
        return traces;
    }

    /** Per policy: each task's simulated duration against its median measured one, and the makespans likewise. */
    static List<ParityChart.Series> parity(List<SimulatedAndMeasured> policies) {
        List<ParityChart.Series> series = new ArrayList<>();
        for (SimulatedAndMeasured p : policies) {
            Trace sim = p.simulated();
            List<ParityChart.Point> tasks = new ArrayList<>(sim.graph().size());
            double[] measuredNs = new double[p.measured().size()];
            for (int t = 0; t < sim.graph().size(); t++) {
                for (int r = 0; r < measuredNs.length; r++) measuredNs[r] = p.measured().get(r).endNs(t) - p.measured().get(r).startNs(t);
                tasks.add(new ParityChart.Point(sim.endNs(t) - sim.startNs(t), Median.of(measuredNs)));
            }
            for (int r = 0; r < measuredNs.length; r++) measuredNs[r] = p.measured().get(r).makespanNs();
            series.add(new ParityChart.Series(p.policy(), tasks, new ParityChart.Point(sim.makespanNs(), Median.of(measuredNs))));
        }
        return series;
    }

    /** How many series the ranking chart has for {@code policies} policies. */
    private static int pairs(int policies) {
        int pairs = policies * (policies - 1) / 2;
        return pairs <= PAIRS_IN_LEGEND ? pairs : policies - 1;
    }

    /** The ranking chart's series: one per pair "a over b", or per policy a ("a over others") past {@value #PAIRS_IN_LEGEND} pairs. */
    static List<ParityChart.ValueSeries> ranking(List<SimulatedAndMeasured> policies) {
        RankingFidelity ranking = RankingFidelity.of(policies.stream().map(MakespanSample::of).toList());
        boolean perPair = ranking.speedups().size() <= PAIRS_IN_LEGEND;
        Map<String, List<ParityChart.Value>> series = new LinkedHashMap<>();
        for (RankingFidelity.PairSpeedup p : ranking.speedups()) {
            MakespanSample.Interval ci = p.measuredCi95();
            double low = ci == null ? p.measured() : ci.low();
            double high = ci == null ? p.measured() : ci.high();
            series.computeIfAbsent(perPair ? p.a() + " over " + p.b() : p.a() + " over later policies", k -> new ArrayList<>())
                    .add(new ParityChart.Value(p.simulated(), p.measured(), low, high));
        }
        List<ParityChart.ValueSeries> out = new ArrayList<>();
        series.forEach((name, values) -> out.add(new ParityChart.ValueSeries(name, values)));
        return out;
    }

    private static NamedChart gantt(SimulatedAndMeasured p) {
        int median = p.medianRun();
        List<GanttChart.Run> runs = List.of(new GanttChart.Run(SIMULATED, p.simulated()),
                new GanttChart.Run(MEASURED, p.measured().get(median)));
        int lanes = p.simulated().platform().size() + p.measured().get(median).platform().size();
        return new NamedChart("gantt-" + p.policy(), "Schedule of " + p.policy() + ": simulated (top) and measured run "
                + (median + 1) + " of " + p.measured().size() + ", the one of median makespan (bottom), on one time axis.",
                GanttChart.stacked(runs, FigureSize.TWO_COLUMN.withHeightIn(Math.min(9, 1 + 0.25 * lanes))));
    }
}
