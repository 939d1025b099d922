package org.hetsched.reports.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hetsched.core.Units;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.chart.ChartFormat;
import org.hetsched.reports.chart.Charts;
import org.hetsched.reports.chart.ChunkSizeChart;
import org.hetsched.reports.chart.EnergyChart;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.chart.GanttChart;
import org.hetsched.reports.chart.SpeedupChart;
import org.hetsched.reports.chart.SweepMetric;
import org.hetsched.reports.chart.UtilizationChart;
import org.hetsched.reports.html.Figure;
import org.hetsched.reports.html.HtmlReport;
import org.hetsched.reports.sweep.ChunkTuning;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.table.ChunkTuningTable;
import org.hetsched.reports.table.ComparisonTable;
import org.hetsched.reports.table.MetricsJson;
import org.hetsched.reports.table.TimingJson;
import org.hetsched.reports.trace.ChromeTrace;
import org.hetsched.reports.trace.LabelledTrace;
import org.hetsched.reports.trace.TraceJson;

/** The output folders of {@code simulate}, {@code compare} and {@code tune-chunk}. Stateless. */
public final class RunOutputs {
    private RunOutputs() {
    }

    /** trace.json, metrics.json, timing.json, perfetto.json and the Gantt chart of one run. */
    public static OutputFiles simulation(SimulationResult result) {
        OutputFiles files = new OutputFiles()
                .add("trace.json", out -> TraceJson.write(result.trace(), result.workload().device(), out))
                .add("metrics.json", out -> MetricsJson.write(result, out))
                .add("timing.json", out -> out.write(TimingJson.json(result).getBytes(StandardCharsets.UTF_8)))
                .add("perfetto.json", out -> ChromeTrace.write(label(result), out));
        charts(files, simulationCharts(result), null);
        return files;
    }

    /** The charts of {@link #simulation}. */
    static List<NamedChart> simulationCharts(SimulationResult result) {
        return List.of(new NamedChart("gantt", "Schedule of " + result.metrics().policy() + ".",
                GanttChart.of(result.trace(), FigureSize.TWO_COLUMN)));
    }

    /** comparison.json/.csv, timing.json, every policy's trace in one perfetto.json, charts and report.html. */
    public static OutputFiles comparison(ComparisonResult result) {
        OutputFiles files = new OutputFiles()
                .add("comparison.json", out -> out.write(ComparisonTable.json(result).getBytes(StandardCharsets.UTF_8)))
                .add("comparison.csv", out -> out.write(ComparisonTable.csv(result).getBytes(StandardCharsets.UTF_8)))
                .add("timing.json", out -> out.write(TimingJson.json(result).getBytes(StandardCharsets.UTF_8)));
        List<LabelledTrace> traces = result.runs().stream().map(RunOutputs::label).toList();
        files.add("perfetto.json", out -> ChromeTrace.write(traces, out));
        HtmlReport.Builder report = HtmlReport.builder("hetsched compare").workload(result.workload()).comparison(result);
        Provenance.of(result.workload().device()).ifPresent(report::provenance);
        charts(files, comparisonCharts(result), report);
        HtmlReport html = report.build();
        files.add("report.html", html::write);
        return files;
    }

    /** The charts of {@link #comparison}. */
    static List<NamedChart> comparisonCharts(ComparisonResult result) {
        List<NamedChart> charts = new ArrayList<>();
        if (result.runs().size() > 1) {
            charts.add(new NamedChart("speedup", "Speedup over " + result.runs().get(0).metrics().policy() + ".",
                    SpeedupChart.of(result, FigureSize.TWO_COLUMN)));
        }
        charts.add(new NamedChart("utilization", "Processor utilisation and bubble rate per policy.",
                UtilizationChart.of(result, FigureSize.TWO_COLUMN)));
        // bars side by side only compare when every policy's energy is known
        if (result.runs().stream().allMatch(r -> r.metrics().energyJ().isPresent())) {
            List<EnergyChart.Bar> bars = result.runs().stream()
                    .map(r -> new EnergyChart.Bar(r.metrics().policy(), r.metrics().energyJ().getAsDouble())).toList();
            charts.add(new NamedChart("energy", "Busy energy per policy (power while busy × busy time; no idle power).",
                    EnergyChart.of(bars, FigureSize.ONE_COLUMN)));
        }
        List<GanttChart.Run> runs = result.runs().stream()
                .map(r -> new GanttChart.Run(r.metrics().policy(), r.trace())).toList();
        charts.add(new NamedChart("gantt", "Schedules of every policy, stacked.",
                GanttChart.stacked(runs, FigureSize.TWO_COLUMN.withHeightIn(Math.min(9, 1 + 0.45 * runs.size())))));
        return charts;
    }

    /** tuning.json and the chunk-size chart with the recommendation marked. */
    public static OutputFiles tuning(ChunkTuning.Result result) {
        OutputFiles files = new OutputFiles()
                .add("tuning.json", out -> out.write(ChunkTuningTable.json(result).getBytes(StandardCharsets.UTF_8)));
        charts(files, tuningCharts(result), null);
        return files;
    }

    /** The charts of {@link #tuning}. */
    static List<NamedChart> tuningCharts(ChunkTuning.Result result) {
        List<ChunkSizeChart.Point> points = result.candidates().stream()
                .map(c -> new ChunkSizeChart.Point(c.chunkTokens(), c.expectedNsPerToken() / Units.NS_PER_MS)).toList();
        return List.of(new NamedChart("chunk-sweep", "Expected per-token latency against chunk size on "
                + result.device() + "; the ring marks the recommendation.",
                ChunkSizeChart.of(Map.of(result.model() + " on " + result.device(), points),
                        SweepMetric.MS_PER_TOKEN, FigureSize.ONE_COLUMN)));
    }

    private static LabelledTrace label(SimulationResult r) {
        return new LabelledTrace(r.metrics().policy(), r.trace(), r.workload().model(), r.workload().device());
    }

    /** Adds each chart as SVG, PNG and PDF ({@link ChartFormat}), and to the report when there is one. */
    static void charts(OutputFiles files, List<NamedChart> charts, HtmlReport.Builder report) {
        charts(files, charts, report, false);
    }

    /**
     * As {@link #charts(OutputFiles, List, HtmlReport.Builder)}; with {@code linkFiles}, each figure
     * of the report also links its three files.
     */
    static void charts(OutputFiles files, List<NamedChart> charts, HtmlReport.Builder report, boolean linkFiles) {
        for (NamedChart c : charts) {
            byte[] svg = Charts.bytes(c.chart(), ChartFormat.SVG);
            List<String> names = new ArrayList<>();
            for (ChartFormat format : List.of(ChartFormat.PNG, ChartFormat.SVG, ChartFormat.PDF)) {
                names.add(format.fileName(CHARTS + c.fileBase()));
            }
            files.add(ChartFormat.SVG.fileName(CHARTS + c.fileBase()), out -> out.write(svg));
            files.add(ChartFormat.PNG.fileName(CHARTS + c.fileBase()), Charts.writer(c.chart(), ChartFormat.PNG));
            files.add(ChartFormat.PDF.fileName(CHARTS + c.fileBase()), Charts.writer(c.chart(), ChartFormat.PDF));
            if (report != null) {
                report.figure(new Figure(c.caption(), new String(svg, StandardCharsets.UTF_8), linkFiles ? names : List.of()));
            }
        }
    }

    /** The folder of an output's charts, relative to the output folder. */
    static final String CHARTS = "charts/";
}
