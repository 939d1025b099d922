package org.hetsched.reports.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hetsched.reports.chart.Charts;
import org.hetsched.reports.chart.ChunkSizeChart;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.chart.PromptLengthChart;
import org.hetsched.reports.chart.SpeedupChart;
import org.hetsched.reports.chart.SweepMetric;
import org.hetsched.reports.chart.UtilizationChart;
import org.hetsched.reports.sweep.SweepRow;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The charts a sweep gets, one set per device (devices are not comparable on one axis): latency
 * vs prompt length when prompts vary (and energy per token vs prompt length when every row of the
 * device has energy), per-token latency vs chunk size with the optimum marked when
 * chunks vary, speedup over the first policy when policies vary, and utilisation / bubble rate at
 * the longest prompt. Lines and bars are keyed by whatever else varies; only the first seed is
 * drawn (seeds change only the random baseline). Stateless.
 */
public final class StandardFigures {
    /** Lines one panel's legend carries: one per colour of the palette, so no two lines of a panel look alike. */
    static final int LINES_PER_PANEL = 8;
    /** Bar groups one panel carries before their labels crowd it. */
    static final int GROUPS_PER_PANEL = 12;
    /** Panels one figure holds at most: three rows of three on a two-column figure. */
    static final int MAX_PANELS = 9;

    /** The sweep axes a chart's lines, groups and panels are made of, in the order their names are joined. */
    enum Axis {
        MODEL(SweepRow::model),
        PLAN(SweepRow::plan),
        PROMPT(r -> r.promptTokens() + " tok"),
        CHUNK(r -> "chunk " + r.chunkTokens()),
        POLICY(SweepRow::policy);

        private final Function<SweepRow, String> label;

        Axis(Function<SweepRow, String> label) {
            this.label = label;
        }
    }

    /**
     * How to split a chart: the axes its panels are keyed by (none for a single chart), the axes its
     * lines or groups are keyed by.
     */
    record Split(List<Axis> panels, List<Axis> series) {
        boolean faceted() {
            return !panels.isEmpty();
        }
    }

    private StandardFigures() {
    }

    public static List<NamedChart> forSweep(List<SweepRow> all) {
        return forSweep(all, reason -> { });
    }

    /**
     * As {@link #forSweep(List)}; a chart the sweep has too much for (more lines in one panel, or
     * more bar series, than a figure can tell apart, however it is split into panels) is left out
     * and {@code notDrawn} told why.
     */
    public static List<NamedChart> forSweep(List<SweepRow> all, Consumer<String> notDrawn) {
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
            boolean energy = d.stream().allMatch(r -> r.energyJPerPromptToken().isPresent());
            if (distinct(d, SweepRow::promptTokens) > 1) {
                Split split = split(d, List.of(Axis.MODEL, Axis.PLAN, Axis.CHUNK, Axis.POLICY), LINES_PER_PANEL);
                if (!tooManyLines(d, split, "latency-vs-prompt" + suffix, notDrawn)) {
                    charts.add(new NamedChart("latency-vs-prompt" + suffix, "Prefill latency against prompt length" + on + panels(split)
                            + ".", promptChart(d, split, SweepMetric.LATENCY_MS)));
                }
                if (energy && !tooManyLines(d, split, "energy-vs-prompt" + suffix, notDrawn)) {
                    charts.add(new NamedChart("energy-vs-prompt" + suffix, "Busy energy per prompt token against prompt length"
                            + on + panels(split) + ".", promptChart(d, split, SweepMetric.ENERGY_J_PER_TOKEN)));
                }
            }
            if (distinct(d, SweepRow::chunkTokens) > 1) {
                Split split = split(d, List.of(Axis.MODEL, Axis.PLAN, Axis.PROMPT, Axis.POLICY), LINES_PER_PANEL);
                if (!tooManyLines(d, split, "chunk-sweep" + suffix, notDrawn)) {
                    charts.add(new NamedChart("chunk-sweep" + suffix,
                            "Per-token prefill latency against chunk size" + on + panels(split) + "; rings mark each line's optimum.",
                            split.faceted()
                                    ? ChunkSizeChart.faceted(d, key(split.panels()), key(split.series()), SweepMetric.MS_PER_TOKEN,
                                            FigureSize.TWO_COLUMN)
                                    : ChunkSizeChart.of(d, key(split.series()), SweepMetric.MS_PER_TOKEN, FigureSize.TWO_COLUMN)));
                }
            }
            int others = distinct(d, SweepRow::policy) - 1;
            if (others > Charts.MAX_BAR_SERIES) {
                notDrawn.accept("speedup" + suffix + ": " + others + " policies besides the baseline, more bar colours than a figure "
                        + "tells apart (" + Charts.MAX_BAR_SERIES + "); sweep fewer policies at once, or plot results.csv");
            } else if (others > 0) {
                String baseline = d.get(0).policy();
                Split split = split(d, List.of(Axis.MODEL, Axis.PLAN, Axis.PROMPT, Axis.CHUNK), GROUPS_PER_PANEL);
                if (!tooManyGroups(d, split, "speedup" + suffix, notDrawn)) {
                    charts.add(new NamedChart("speedup" + suffix, "Speedup over " + baseline + on + panels(split) + ".",
                            split.faceted()
                                    ? SpeedupChart.faceted(d, baseline, key(split.panels()), key(split.series()), FigureSize.TWO_COLUMN)
                                    : SpeedupChart.of(d, baseline, key(split.series()), FigureSize.TWO_COLUMN)));
                }
            }
            int longest = d.stream().mapToInt(SweepRow::promptTokens).max().orElseThrow();
            // the first chunk size the longest prompt has (a shard need not hold every prompt with every chunk)
            int firstChunk = d.stream().filter(r -> r.promptTokens() == longest).findFirst().orElseThrow().chunkTokens();
            List<SweepRow> cut = d.stream().filter(r -> r.promptTokens() == longest && r.chunkTokens() == firstChunk).toList();
            Split split = split(cut, List.of(Axis.MODEL, Axis.PLAN, Axis.POLICY), GROUPS_PER_PANEL);
            if (tooManyGroups(cut, split, "utilization" + suffix, notDrawn)) continue;
            charts.add(new NamedChart("utilization" + suffix, "Processor utilisation and bubble rate" + on + " at "
                    + longest + " prompt tokens, chunk " + firstChunk + panels(split) + ".",
                    split.faceted()
                            ? UtilizationChart.faceted(cut, key(split.panels()), key(split.series()), FigureSize.TWO_COLUMN)
                            : UtilizationChart.of(cut, key(split.series()), FigureSize.TWO_COLUMN)));
        }
        return charts;
    }

    private static Chart<?, ?> promptChart(List<SweepRow> d, Split split, SweepMetric metric) {
        return split.faceted()
                ? PromptLengthChart.faceted(d, key(split.panels()), key(split.series()), metric, FigureSize.TWO_COLUMN)
                : PromptLengthChart.of(d, key(split.series()), metric, FigureSize.TWO_COLUMN);
    }

    /**
     * Whether a line chart split as {@code split} has more lines than a figure can draw (line styles
     * are numbered across all its panels, so that a line keeps its style from panel to panel); if so, says so.
     */
    private static boolean tooManyLines(List<SweepRow> rows, Split split, String chart, Consumer<String> notDrawn) {
        int lines = distinct(rows, key(split.series()));
        if (lines <= Charts.MAX_LINES) return false;
        notDrawn.accept(chart + ": " + lines + " lines, more than a figure tells apart (" + Charts.MAX_LINES
                + "); sweep fewer values at once, or plot results.csv");
        return true;
    }

    /** Whether a bar chart split as {@code split} has more bar groups in a panel than their labels fit; if so, says so. */
    private static boolean tooManyGroups(List<SweepRow> rows, Split split, String chart, Consumer<String> notDrawn) {
        Map<String, Set<String>> byPanel = new LinkedHashMap<>();
        Function<SweepRow, String> panel = key(split.panels());
        Function<SweepRow, String> series = key(split.series());
        for (SweepRow r : rows) byPanel.computeIfAbsent(panel.apply(r), k -> new HashSet<>()).add(series.apply(r));
        int most = byPanel.values().stream().mapToInt(Set::size).max().orElse(0);
        if (Charts.categoryLabelsFit(most, byPanel.size(), FigureSize.TWO_COLUMN)) return false;
        notDrawn.accept(chart + ": " + most + " bar groups in one of its " + byPanel.size() + " panels, more than their labels "
                + "fit side by side even upright; sweep fewer values at once, or plot results.csv");
        return true;
    }

    /**
     * How to split {@code rows} by the {@code allowed} axes that vary among them: one chart when it
     * has at most {@code perPanel} lines or groups; else panels keyed by the fewest axes, the earlier
     * the better (model before plan before the rest), that give at most {@value #MAX_PANELS} panels
     * of at most {@code perPanel} each; failing that, the split into at most {@value #MAX_PANELS}
     * panels with the fewest lines or groups each. The policy is the key of a chart where nothing
     * else varies.
     */
    static Split split(List<SweepRow> rows, List<Axis> allowed, int perPanel) {
        List<Axis> varying = allowed.stream().filter(a -> distinct(rows, a.label) > 1).toList();
        if (varying.isEmpty()) return new Split(List.of(), allowed.contains(Axis.POLICY) ? List.of(Axis.POLICY) : List.of());
        if (distinct(rows, key(varying)) <= perPanel) return new Split(List.of(), varying);
        int n = varying.size();
        List<List<Axis>> candidates = new ArrayList<>();
        for (int mask = 1; mask < (1 << n) - 1; mask++) {
            List<Axis> panelAxes = new ArrayList<>();
            for (int i = 0; i < n; i++) if ((mask & (1 << i)) != 0) panelAxes.add(varying.get(i));
            candidates.add(panelAxes);
        }
        // fewest axes first, then the earliest axes
        candidates.sort(Comparator.<List<Axis>>comparingInt(List::size).thenComparing(StandardFigures::compareAxes));
        Split fallback = null;
        int fallbackPer = Integer.MAX_VALUE;
        for (List<Axis> panelAxes : candidates) {
            List<Axis> seriesAxes = varying.stream().filter(a -> !panelAxes.contains(a)).toList();
            Map<String, List<SweepRow>> byPanel = new LinkedHashMap<>();
            for (SweepRow r : rows) byPanel.computeIfAbsent(key(panelAxes).apply(r), k -> new ArrayList<>()).add(r);
            if (byPanel.size() > MAX_PANELS) continue;
            int per = 0;
            for (List<SweepRow> panel : byPanel.values()) per = Math.max(per, distinct(panel, key(seriesAxes)));
            Split split = new Split(List.copyOf(panelAxes), seriesAxes);
            if (per <= perPanel) return split;
            if (per < fallbackPer) {
                fallback = split;
                fallbackPer = per;
            }
        }
        return fallback != null ? fallback : new Split(List.of(), varying);
    }

    private static int compareAxes(List<Axis> a, List<Axis> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** For the caption: what the panels are. */
    private static String panels(Split split) {
        if (!split.faceted()) return "";
        return ", one panel per " + String.join(" and ", split.panels().stream().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static int distinct(List<SweepRow> rows, Function<SweepRow, ?> axis) {
        return (int) rows.stream().map(axis).distinct().count();
    }

    /** A label made of {@code axes}' values, e.g. "qwen1.5-1.8b, llm.npu"; "all" for no axis. */
    static Function<SweepRow, String> key(List<Axis> axes) {
        return r -> axes.isEmpty() ? "all" : String.join(", ", axes.stream().map(a -> a.label.apply(r)).toList());
    }
}
