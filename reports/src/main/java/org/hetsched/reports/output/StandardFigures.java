package org.hetsched.reports.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hetsched.reports.chart.ChunkSizeChart;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.chart.PromptLengthChart;
import org.hetsched.reports.chart.SpeedupChart;
import org.hetsched.reports.chart.SweepMetric;
import org.hetsched.reports.chart.UtilizationChart;
import org.hetsched.reports.sweep.SweepRow;

/**
 * The charts a sweep gets, one set per device (devices are not comparable on one axis): latency
 * vs prompt length when prompts vary, per-token latency vs chunk size with the optimum marked when
 * chunks vary, speedup over the first policy when policies vary, and utilisation / bubble rate at
 * the longest prompt. Lines and bars are keyed by whatever else varies; only the first seed is
 * drawn (seeds change only the random baseline). Stateless.
 */
public final class StandardFigures {
    private StandardFigures() {
    }

    public static List<NamedChart> forSweep(List<SweepRow> all) {
        List<NamedChart> charts = new ArrayList<>();
        if (all.isEmpty()) return charts;
        long firstSeed = all.get(0).seed();
        List<SweepRow> rows = all.stream().filter(r -> r.seed() == firstSeed).toList();
        Map<String, List<SweepRow>> byDevice = new LinkedHashMap<>();
        for (SweepRow r : rows) byDevice.computeIfAbsent(r.device(), d -> new ArrayList<>()).add(r);
        boolean oneDevice = byDevice.size() == 1;
        for (Map.Entry<String, List<SweepRow>> device : byDevice.entrySet()) {
            List<SweepRow> d = device.getValue();
            String suffix = oneDevice ? "" : "-" + device.getKey();
            String on = " on " + device.getKey();
            if (distinct(d, SweepRow::promptTokens) > 1) {
                charts.add(new NamedChart("latency-vs-prompt" + suffix, "Prefill latency against prompt length" + on + ".",
                        PromptLengthChart.of(d, key(d, false, true, true, true), SweepMetric.LATENCY_MS, FigureSize.TWO_COLUMN)));
            }
            if (distinct(d, SweepRow::chunkTokens) > 1) {
                charts.add(new NamedChart("chunk-sweep" + suffix,
                        "Per-token prefill latency against chunk size" + on + "; rings mark each line's optimum.",
                        ChunkSizeChart.of(d, key(d, true, false, true, true), SweepMetric.MS_PER_TOKEN, FigureSize.TWO_COLUMN)));
            }
            if (distinct(d, SweepRow::policy) > 1) {
                String baseline = d.get(0).policy();
                charts.add(new NamedChart("speedup" + suffix, "Speedup over " + baseline + on + ".",
                        SpeedupChart.of(d, baseline, key(d, true, true, true, false), FigureSize.TWO_COLUMN)));
            }
            int longest = d.stream().mapToInt(SweepRow::promptTokens).max().orElseThrow();
            int firstChunk = d.get(0).chunkTokens();
            List<SweepRow> cut = d.stream().filter(r -> r.promptTokens() == longest && r.chunkTokens() == firstChunk).toList();
            charts.add(new NamedChart("utilization" + suffix, "Processor utilisation and bubble rate" + on + " at "
                    + longest + " prompt tokens, chunk " + firstChunk + ".",
                    UtilizationChart.of(cut, key(cut, false, false, true, true), FigureSize.TWO_COLUMN)));
        }
        return charts;
    }

    private static int distinct(List<SweepRow> rows, Function<SweepRow, Object> axis) {
        return (int) rows.stream().map(axis).distinct().count();
    }

    /** A label made of the axes that vary among {@code rows} (model, plan, prompt, chunk, policy), among those allowed. */
    private static Function<SweepRow, String> key(List<SweepRow> rows, boolean prompt, boolean chunk, boolean modelAndPlan,
                                                  boolean policy) {
        boolean models = modelAndPlan && distinct(rows, SweepRow::model) > 1;
        boolean plans = modelAndPlan && distinct(rows, SweepRow::plan) > 1;
        boolean prompts = prompt && distinct(rows, SweepRow::promptTokens) > 1;
        boolean chunks = chunk && distinct(rows, SweepRow::chunkTokens) > 1;
        boolean policies = policy && distinct(rows, SweepRow::policy) > 1;
        return r -> {
            List<String> parts = new ArrayList<>();
            if (models) parts.add(r.model());
            if (plans) parts.add(r.plan());
            if (prompts) parts.add(r.promptTokens() + " tok");
            if (chunks) parts.add("chunk " + r.chunkTokens());
            if (policies || (policy && parts.isEmpty())) parts.add(r.policy());
            return parts.isEmpty() ? "all" : String.join(", ", parts);
        };
    }
}
