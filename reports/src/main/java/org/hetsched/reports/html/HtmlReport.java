package org.hetsched.reports.html;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hetsched.core.Units;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.profiles.load.Workload;

/**
 * One self-contained HTML page: the configuration, the results of a policy comparison and/or a
 * sweep as tables, figures as inline SVG, and the provenance of the device profiles used (source
 * id → citation). Sections without content are left out.
 *
 * <p>The page loads nothing (no scripts, fonts, images or style sheets from elsewhere: a few lines
 * of inline CSS), and its Content-Security-Policy forbids scripts, so it opens the same offline
 * and in a mail client. Every string that came from outside (names, captions, provenance) is
 * escaped, so a model called {@code <script>} shows as text. The page is also well-formed XML
 * (given well-formed SVG), and it shows only its inputs: no date or host name (the policies'
 * measured ns/decision are the one thing that differs between two runs of the same comparison).
 *
 * <p>Immutable once built; holds the rendered page (O(size of the page)). Safe to share.
 */
public final class HtmlReport {
    private final String html;

    private HtmlReport(String html) {
        this.html = html;
    }

    /** Starts a report with this title (plain text). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The page, as text. */
    public String html() {
        return html;
    }

    /** Writes the page as UTF-8; the stream is not closed. */
    public void write(OutputStream out) throws IOException {
        out.write(html.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Collects the parts of a report. Single-threaded; {@link #build()} may be called more than
     * once, and later calls see later additions.
     */
    public static final class Builder {
        private final String title;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ComparisonResult comparison;
        private List<SweepRow> sweep = List.of();
        private final List<Table> tables = new ArrayList<>();
        private final List<Figure> figures = new ArrayList<>();
        private final Map<String, Map<String, String>> provenance = new LinkedHashMap<>();

        private Builder(String title) {
            if (title == null) throw new IllegalArgumentException("report title is null");
            this.title = title;
        }

        /** Adds (or replaces) one configuration row; shown in the order first added. */
        public Builder setting(String name, String value) {
            if (name == null || value == null) throw new IllegalArgumentException("setting " + name + " = " + value);
            settings.put(name, value);
            return this;
        }

        /**
         * Adds the workload's configuration: model, device, plan (with shadow layers), prompt and
         * chunking (or the graph file), task count, cost model, and whether graph preparation and
         * dispatch overhead were charged.
         */
        public Builder workload(Workload workload) {
            TaskGraph graph = workload.costs().graph();
            if (workload.request().graph() != null) {
                setting("graph file", workload.request().graph());
            } else {
                setting("model", workload.model());
                setting("device", workload.device());
                setting("plan", workload.plan() + (workload.shadowLayers().isEmpty() ? ""
                        : " (shadow-outlier layers " + workload.shadowLayers().stream().sorted().map(String::valueOf)
                                .collect(Collectors.joining(", ")) + ")"));
                setting("prompt", String.format(Locale.ROOT, "%d tokens in %d chunks of %d (%d padding rows)",
                        graph.promptTokens(), graph.chunks(), graph.chunkTokens(), graph.paddedTokens()));
            }
            setting("tasks", Integer.toString(graph.size()));
            setting("cost model", workload.costModel());
            setting("graph preparation", workload.request().includeGraphPreparation()
                    ? "charged inside the makespan" : "not charged (graphs prepared ahead of time)");
            setting("dispatch overhead", workload.request().includeDispatchOverhead() ? "added to every task" : "not added");
            if (workload.profile() != null && Contention.applies(workload.profile())) {
                setting("contention", workload.request().includeContention()
                        ? "on: the profile's " + workload.profile().contention().size() + " slowdown entries lengthen tasks that run beside others"
                        : "left out (the profile has " + workload.profile().contention().size() + " slowdown entries)");
            }
            return this;
        }

        /** Sets the comparison table and adds its workload and policies to the configuration. */
        public Builder comparison(ComparisonResult result) {
            this.comparison = result;
            workload(result.workload());
            setting("policies", result.runs().stream().map(r -> r.metrics().policy()).collect(Collectors.joining(", "))
                    + " (speedups relative to the first)");
            return this;
        }

        /** Sets the sweep table: one row per sweep point, in the order given. */
        public Builder sweep(List<SweepRow> rows) {
            this.sweep = List.copyOf(rows);
            return this;
        }

        /** Adds a table of results; tables appear after the comparison and sweep sections, in the order added. */
        public Builder table(Table table) {
            if (table == null) throw new IllegalArgumentException("table is null");
            tables.add(table);
            return this;
        }

        /** Adds a figure; figures appear in the order added. */
        public Builder figure(Figure figure) {
            if (figure == null) throw new IllegalArgumentException("figure is null");
            figures.add(figure);
            return this;
        }

        /** Adds the provenance of a device profile: its sources, source id → citation or derivation. */
        public Builder provenance(DeviceProfile profile) {
            return provenance(profile.name(), profile.sources());
        }

        /** Adds provenance under {@code device}: source id → text, shown in the map's order. */
        public Builder provenance(String device, Map<String, String> sources) {
            if (device == null || sources == null) throw new IllegalArgumentException("provenance needs a device and sources");
            provenance.put(device, new LinkedHashMap<>(sources));
            return this;
        }

        public HtmlReport build() {
            Page page = new Page();
            page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
            // no script may run, whatever ends up in the page; inline styles (ours, the SVGs') may
            page.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "style-src 'unsafe-inline'; img-src data:\"/>\n");
            page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
            page.raw("<meta name=\"generator\" content=\"hetsched\"/>\n");
            page.raw("<title>").text(title).raw("</title>\n<style>").raw(CSS).raw("</style>\n</head>\n<body>\n");
            page.raw("<h1>").text(title).raw("</h1>\n");
            if (!settings.isEmpty()) {
                page.raw("<section id=\"configuration\">\n<h2>Configuration</h2>\n");
                keyValueTable(page, settings);
                page.raw("</section>\n");
            }
            if (comparison != null) comparisonSection(page, comparison);
            if (!sweep.isEmpty()) sweepSection(page, sweep);
            for (Table t : tables) tableSection(page, t);
            if (!figures.isEmpty()) {
                page.raw("<section id=\"figures\">\n<h2>Figures</h2>\n");
                for (Figure f : figures) {
                    page.raw("<figure>\n").raw(f.svg()).raw("\n<figcaption>").text(f.caption());
                    if (!f.files().isEmpty()) {
                        page.raw(" <span class=\"files\">(");
                        for (int i = 0; i < f.files().size(); i++) {
                            String file = f.files().get(i);
                            if (i > 0) page.raw(", ");
                            page.raw("<a href=\"").text(file).raw("\">").text(file).raw("</a>");
                        }
                        page.raw(")</span>");
                    }
                    page.raw("</figcaption>\n</figure>\n");
                }
                page.raw("</section>\n");
            }
            if (!provenance.isEmpty()) {
                page.raw("<section id=\"provenance\">\n<h2>Profile provenance</h2>\n");
                page.raw("<p>Where every number of the device profiles comes from: source id, then the citation "
                        + "or written derivation the profile gives for it.</p>\n");
                for (Map.Entry<String, Map<String, String>> device : provenance.entrySet()) {
                    page.raw("<h3>").text(device.getKey()).raw("</h3>\n");
                    page.raw("<table class=\"provenance\">\n<thead><tr><th scope=\"col\">source</th>"
                            + "<th scope=\"col\">citation or derivation</th></tr></thead>\n<tbody>\n");
                    for (Map.Entry<String, String> source : device.getValue().entrySet()) {
                        page.raw("<tr><th scope=\"row\">").text(source.getKey()).raw("</th><td>").text(source.getValue())
                                .raw("</td></tr>\n");
                    }
                    page.raw("</tbody>\n</table>\n");
                }
                page.raw("</section>\n");
            }
            page.raw("<footer><p>Generated by hetsched.</p></footer>\n</body>\n</html>\n");
            return new HtmlReport(page.toString());
        }
    }

    /**
     * A table of results in its own section, every cell plain text.
     *
     * @param id             the section's id (a fragment to link to), letters, digits and '-' only
     * @param heading        the section's heading
     * @param intro          a paragraph above the table, or "" for none
     * @param header         column names
     * @param rows           cells per row, as many as columns
     * @param numericColumns indices of the columns aligned as numbers
     */
    public record Table(String id, String heading, String intro, List<String> header, List<List<String>> rows,
                        Set<Integer> numericColumns) {
        public Table {
            if (id == null || !id.matches("[A-Za-z][A-Za-z0-9-]*")) throw new IllegalArgumentException("table id '" + id + "' is not a fragment name");
            if (heading == null || intro == null) throw new IllegalArgumentException("table '" + id + "' needs a heading and an intro");
            header = List.copyOf(header);
            List<List<String>> copy = new ArrayList<>();
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("table '" + id + "': a row has " + r.size() + " cells for " + header.size() + " columns");
                }
                copy.add(List.copyOf(r));
            }
            rows = List.copyOf(copy);
            numericColumns = Set.copyOf(numericColumns);
        }
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;"
            + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;"
            + "padding:.25em .6em;vertical-align:top}thead th{background:#f2f2f2}table.results{display:block;overflow-x:auto}"
            + "table.results th[scope=row]{white-space:nowrap}td.num{text-align:right;"
            + "font-variant-numeric:tabular-nums}table.kv th,table.provenance th{text-align:left;font-weight:600}"
            + "figure{margin:2em 0}figure svg{max-width:100%;height:auto}figcaption{font-style:italic;margin-top:.5em}"
            + "footer{color:#777;font-size:.85em;margin-top:3em}";

    private static void keyValueTable(Page page, Map<String, String> rows) {
        page.raw("<table class=\"kv\">\n<tbody>\n");
        for (Map.Entry<String, String> row : rows.entrySet()) {
            page.raw("<tr><th scope=\"row\">").text(row.getKey()).raw("</th><td>").text(row.getValue()).raw("</td></tr>\n");
        }
        page.raw("</tbody>\n</table>\n");
    }

    private static void comparisonSection(Page page, ComparisonResult c) {
        page.raw("<section id=\"comparison\">\n<h2>Policy comparison</h2>\n");
        Long optimum = c.optimum().provenMakespanNs();
        page.raw("<p>").text(String.format(Locale.ROOT, "Lower bound %.3f ms; optimum %s.", Units.nsToMs(c.bound().bestNs()),
                c.optimumText())).raw("</p>\n");
        List<String> processors = c.workload().costs().platform().processors().stream().map(p -> p.name()).toList();
        List<String> header = new ArrayList<>(List.of("policy", "makespan (ms)", "tokens/s", "speedup",
                "lower bound (ms)", "vs lower bound", "vs optimum", "bubble rate"));
        for (String p : processors) header.add(p + " busy");
        page.raw("<table class=\"results\">\n");
        headerRow(page, header);
        page.raw("<tbody>\n");
        for (SimulationResult run : c.runs()) {
            Metrics m = run.metrics();
            List<String> cells = new ArrayList<>(List.of(
                    String.format(Locale.ROOT, "%.3f", Units.nsToMs(m.makespanNs())),
                    String.format(Locale.ROOT, "%.1f", m.tokensPerSecond()),
                    String.format(Locale.ROOT, "%.2f×", c.speedup(run)),
                    String.format(Locale.ROOT, "%.3f", Units.nsToMs(m.lowerBoundNs())),
                    percent(gap(m.makespanNs(), m.lowerBoundNs())),
                    optimum == null ? "–" : percent(gap(m.makespanNs(), optimum)),
                    percent(m.bubbleRate())));
            for (ProcessorUsage u : m.processors()) cells.add(percent(u.utilization()));
            row(page, m.policy(), cells);
        }
        page.raw("</tbody>\n</table>\n</section>\n");
    }

    /** Sweep points the page lists at most: a page of 100,000 rows (over 100 MB) is more than a browser opens. */
    static final int MAX_SWEEP_ROWS = 2000;

    private static void sweepSection(Page page, List<SweepRow> rows) {
        page.raw("<section id=\"sweep\">\n<h2>Sweep</h2>\n");
        String listed = rows.size() <= MAX_SWEEP_ROWS ? ""
                : " The first " + MAX_SWEEP_ROWS + " are listed; results.csv and results.json hold them all.";
        page.raw("<p>").text(rows.size() + (rows.size() == 1 ? " point." : " points.") + listed).raw("</p>\n");
        page.raw("<table class=\"results\">\n");
        // as in results.csv: energy columns only when some row has energy
        boolean energy = rows.stream().anyMatch(r -> r.energyJ().isPresent());
        List<String> header = new ArrayList<>(List.of("model", "device", "plan", "policy", "prompt", "chunk", "seed", "makespan (ms)",
                "tokens/s", "ms/token", "padding rows", "tasks", "bubble rate", "lower bound (ms)", "utilization"));
        if (energy) header.addAll(List.of("energy (J)", "J/token"));
        headerRow(page, header);
        page.raw("<tbody>\n");
        for (SweepRow r : rows.subList(0, Math.min(rows.size(), MAX_SWEEP_ROWS))) {
            Set<String> busy = new LinkedHashSet<>();
            r.utilizationByProcessor().forEach((p, u) -> busy.add(p + " " + percent(u)));
            page.raw("<tr><td>").text(r.model()).raw("</td><td>").text(r.device()).raw("</td><td>").text(r.plan())
                    .raw("</td><td>").text(r.policy()).raw("</td>");
            for (String n : List.of(Integer.toString(r.promptTokens()), Integer.toString(r.chunkTokens()),
                    Long.toString(r.seed()), String.format(Locale.ROOT, "%.3f", Units.nsToMs(r.makespanNs())),
                    String.format(Locale.ROOT, "%.1f", r.tokensPerSecond()),
                    r.promptTokens() > 0 ? String.format(Locale.ROOT, "%.4f", Units.nsToMs(r.nsPerToken())) : "–",
                    Integer.toString(r.paddedTokens()), Integer.toString(r.tasks()), percent(r.bubbleRate()),
                    String.format(Locale.ROOT, "%.3f", Units.nsToMs(r.lowerBoundNs())))) {
                page.raw("<td class=\"num\">").text(n).raw("</td>");
            }
            page.raw("<td>").text(String.join(", ", busy)).raw("</td>");
            if (energy) {
                page.raw("<td class=\"num\">").text(r.energyJ().isPresent() ? String.format(Locale.ROOT, "%.3f", r.energyJ().getAsDouble()) : "–")
                        .raw("</td><td class=\"num\">")
                        .text(r.energyJPerPromptToken().isPresent() ? String.format(Locale.ROOT, "%.5f", r.energyJPerPromptToken().getAsDouble()) : "–")
                        .raw("</td>");
            }
            page.raw("</tr>\n");
        }
        page.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void tableSection(Page page, Table t) {
        page.raw("<section id=\"").text(t.id()).raw("\">\n<h2>").text(t.heading()).raw("</h2>\n");
        if (!t.intro().isEmpty()) page.raw("<p>").text(t.intro()).raw("</p>\n");
        page.raw("<table class=\"results\">\n");
        headerRow(page, t.header());
        page.raw("<tbody>\n");
        for (List<String> r : t.rows()) {
            page.raw("<tr>");
            for (int i = 0; i < r.size(); i++) {
                page.raw(t.numericColumns().contains(i) ? "<td class=\"num\">" : "<td>").text(r.get(i)).raw("</td>");
            }
            page.raw("</tr>\n");
        }
        page.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void headerRow(Page page, List<String> names) {
        page.raw("<thead><tr>");
        for (String n : names) page.raw("<th scope=\"col\">").text(n).raw("</th>");
        page.raw("</tr></thead>\n");
    }

    private static void row(Page page, String name, List<String> numbers) {
        page.raw("<tr><th scope=\"row\">").text(name).raw("</th>");
        for (String n : numbers) page.raw("<td class=\"num\">").text(n).raw("</td>");
        page.raw("</tr>\n");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** makespan / reference − 1, as {@code ComparisonTable} reports it. */
    private static double gap(long makespanNs, long referenceNs) {
        return referenceNs == 0 ? 0 : (double) makespanNs / referenceNs - 1;
    }

    /** The page being written: {@link #raw} for our own markup, {@link #text} for everything else. */
    private static final class Page {
        private final StringBuilder out = new StringBuilder(16 * 1024);

        Page raw(String markup) {
            out.append(markup);
            return this;
        }

        Page text(String text) {
            out.append(Html.escape(text));
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
