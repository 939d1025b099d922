package org.hetsched.reports.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.ablation.Ablation;
import org.hetsched.reports.ablation.AblationRow;
import org.hetsched.reports.ablation.AblationStep;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.chart.GroupedBarChart;
import org.hetsched.reports.chart.ParityChart;
import org.hetsched.reports.chart.PromptLengthChart;
import org.hetsched.reports.chart.SweepMetric;
import org.hetsched.reports.html.HtmlReport;
import org.hetsched.reports.reproduce.PublishedValue;
import org.hetsched.reports.reproduce.Reproduction;
import org.hetsched.reports.reproduce.ReproductionReport;
import org.hetsched.reports.reproduce.ReproductionTable;
import org.hetsched.reports.reproduce.Target;
import org.hetsched.reports.reproduce.TargetMetric;
import org.hetsched.reports.reproduce.TargetPrediction;
import org.hetsched.reports.sweep.SweepRow;

/**
 * The output folder of {@code hetsched reproduce --out}: reproduction.csv and reproduction.json
 * (the table {@code reproduce} prints as CSV and JSON), index.html (the table, the figures inline
 * with links to their files, the device profile's provenance) and the figures as
 * charts/NAME.svg|png|pdf: {@value #SPEED}, {@value #ABLATION}, {@value #BUBBLES} and {@value #PARITY}.
 * A figure without data (a targets file with no latency in llm.npu's configuration, no bubble
 * rate, no weighted target) is left out, and the page says so. Stateless.
 */
public final class ReproductionOutputs {
    /** Prefill speed against prompt length, the published latencies beside it. */
    public static final String SPEED = "prefill-speed";
    /** Tokens/s of each ablation step. */
    public static final String ABLATION = "ablation";
    /** Bubble rates, published and simulated. */
    public static final String BUBBLES = "bubble-rate";
    /** Predicted against published for every weighted target. */
    public static final String PARITY = "predicted-vs-published";

    /** The speed figure: both columns, tall enough for a legend of two entries per model. */
    static final FigureSize SPEED_SIZE = FigureSize.TWO_COLUMN.withHeightIn(3.2);
    /** The ablation figure: both columns, so that every bar's value fits inside it. */
    static final FigureSize ABLATION_SIZE = FigureSize.TWO_COLUMN.withHeightIn(2.6);
    /** The bubble figure: one column. */
    static final FigureSize BUBBLE_SIZE = FigureSize.ONE_COLUMN;
    /** The parity figure: a square plot in one column, its legend below. */
    static final FigureSize PARITY_SIZE = FigureSize.ONE_COLUMN.withHeightIn(3.9);

    private ReproductionOutputs() {
    }

    /** Every file of the folder. */
    public static OutputFiles of(ReproductionReport report) {
        Reproduction r = report.reproduction();
        OutputFiles files = new OutputFiles()
                .add("reproduction.csv", out -> out.write(ReproductionTable.csv(r).getBytes(StandardCharsets.UTF_8)))
                .add("reproduction.json", out -> out.write(ReproductionTable.json(r).getBytes(StandardCharsets.UTF_8)));
        HtmlReport.Builder html = HtmlReport.builder("hetsched reproduce")
                .setting("targets", r.targets().file())
                .setting("device", report.device())
                .setting("predictions", "each target's configuration simulated on " + report.device()
                        + " (a prompt range: the mean over " + Target.RANGE_SAMPLES + " evenly spaced lengths); graph preparation "
                        + "and dispatch overhead not charged, as in hetsched simulate")
                .setting("summary", ReproductionTable.summary(r));
        html.table(new HtmlReport.Table("reproduction", "Published and predicted",
                "Every target, its published value, hetsched's prediction and the error (predicted / published − 1; for a "
                        + "range, 0 inside it and measured from the nearer end outside). Weight-0 rows are reported, not summarised.",
                ReproductionTable.TEXT_HEADER, ReproductionTable.textRows(r), Set.of(2, 3, 4, 6)));
        List<NamedChart> charts = charts(report);
        List<String> missing = new ArrayList<>();
        for (String name : List.of(SPEED, ABLATION, BUBBLES, PARITY)) {
            if (charts.stream().noneMatch(c -> c.fileBase().equals(name))) missing.add(name);
        }
        if (!missing.isEmpty()) html.setting("figures not drawn", String.join(", ", missing) + " (the targets have nothing to draw in them)");
        RunOutputs.charts(files, charts, html, true);
        Provenance.of(report.device()).ifPresent(html::provenance);
        HtmlReport page = html.build();
        files.add("index.html", page::write);
        return files;
    }

    /** The figures that have data, in the order of the page. */
    static List<NamedChart> charts(ReproductionReport report) {
        List<NamedChart> charts = new ArrayList<>();
        if (!report.speed().isEmpty()) charts.add(speed(report));
        charts.add(ablation(report));
        if (!report.bubbleRates().isEmpty()) charts.add(bubbles(report));
        if (!report.reproduction().weighted().isEmpty()) charts.add(parity(report));
        return charts;
    }

    private static NamedChart speed(ReproductionReport report) {
        List<PromptLengthChart.Published> points = new ArrayList<>();
        for (ReproductionReport.PublishedSpeed p : report.publishedSpeeds()) {
            Target t = p.target();
            points.add(new PromptLengthChart.Published(t.model(), p.promptTokens(), t.promptMinTokens(), t.promptMaxTokens(),
                    p.tokensPerSecond()));
        }
        String source = sources(report.latencyTargets());
        return new NamedChart(SPEED, String.format(Locale.ROOT, "Prefill speed against prompt length on %s: llm.npu's partition "
                        + "(plan %s, default shadow layers), policy %s, chunks of %d tokens, graphs prepared ahead of time, one line "
                        + "per model. Rings: the published prefill latencies (%s) as speeds, the mean of each workload's prompt range "
                        + "over its latency, drawn at that mean; the bar spans the range.", report.device(), ReproductionReport.SPEED_PLAN,
                        ReproductionReport.SPEED_POLICY, ReproductionReport.SPEED_CHUNK_TOKENS, source),
                PromptLengthChart.of(report.speed(), SweepRow::model, SweepMetric.TOKENS_PER_SECOND, points, "(" + source + ")",
                        SPEED_SIZE));
    }

    private static NamedChart ablation(ReproductionReport report) {
        List<String> models = report.ablations().stream().map(Ablation::model).toList();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (AblationStep step : AblationStep.values()) {
            List<Double> values = new ArrayList<>();
            for (Ablation a : report.ablations()) values.add(a.row(step).tokensPerSecond());
            series.put(step.label(), values);
        }
        Ablation first = report.ablations().get(0);
        String steps = first.rows().stream().map(AblationRow::step).map(s -> s.label() + ": " + s.definition())
                .collect(Collectors.joining("; "));
        return new NamedChart(ABLATION, String.format(Locale.ROOT, "Ablation of llm.npu's techniques on %s, %d-token prompt, "
                        + "chunks of %d tokens, prefill speed per step (hetsched ablation). Steps: %s.", report.device(),
                        first.promptTokens(), first.chunkTokens(), steps),
                GroupedBarChart.of(models, series, SweepMetric.TOKENS_PER_SECOND.axisTitle(), "0", ABLATION_SIZE));
    }

    private static NamedChart bubbles(ReproductionReport report) {
        List<TargetPrediction> rates = report.bubbleRates();
        List<String> policies = rates.stream().map(p -> p.target().policy()).toList();
        List<String> groups = policies.stream().distinct().count() == policies.size() ? policies
                : rates.stream().map(p -> p.target().id()).toList();
        List<Double> published = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        for (TargetPrediction p : rates) {
            // a range is drawn at its nearer end, where its error is measured from
            published.add(100 * p.target().published().nearest(p.predicted()));
            predicted.add(100 * p.predicted());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        String source = sources(rates.stream().map(TargetPrediction::target).toList());
        series.put("published (" + source + ")", published);
        series.put("hetsched on " + report.device(), predicted);
        String what = rates.stream().map(p -> p.target().id() + ": " + ReproductionTable.what(p.target()))
                .collect(Collectors.joining("; "));
        return new NamedChart(BUBBLES, "Bubble rate (idle share of the critical processor within the makespan), published ("
                + source + ") and simulated on " + report.device() + ", one group per target's policy (see hetsched policies). "
                + "Targets: " + what + ".",
                GroupedBarChart.of(groups, series, "bubble rate (%)", "0.0", BUBBLE_SIZE));
    }

    private static NamedChart parity(ReproductionReport report) {
        Map<String, List<ParityChart.Value>> byKind = new LinkedHashMap<>();
        for (TargetPrediction p : report.reproduction().weighted()) {
            PublishedValue v = p.target().published();
            byKind.computeIfAbsent(kind(p.target().metric()), k -> new ArrayList<>())
                    .add(new ParityChart.Value(p.predicted(), v.nearest(p.predicted()), v.low(), v.high()));
        }
        List<ParityChart.ValueSeries> series = new ArrayList<>();
        byKind.forEach((kind, values) -> series.add(new ParityChart.ValueSeries(kind, values)));
        return new NamedChart(PARITY, "Predicted (x) against published (y), every target with a published value and weight > 0, "
                + "each in its own unit; y = x and ±" + ParityChart.BAND_PERCENT + "%. A published range is a bar, its point at the "
                + "end nearer the prediction (on the line when the prediction is inside it).",
                ParityChart.ofValues(series, "predicted (each target's unit)", "published (each target's unit)", PARITY_SIZE));
    }

    /** The legend name of a metric's points. */
    private static String kind(TargetMetric metric) {
        return switch (metric.kind()) {
            case PREFILL_MS -> "prefill latency (ms)";
            case TOKENS_PER_SECOND -> "prefill speed (tokens/s)";
            case BUBBLE_RATE -> "bubble rate";
            case BUSY_MS -> "busy time (ms)";
            case RATIO -> "ratio of two runs";
        };
    }

    /** The targets' sources, each once, in order, e.g. "Table 5". */
    private static String sources(List<Target> targets) {
        return targets.stream().map(Target::source).distinct().collect(Collectors.joining(", "));
    }
}
