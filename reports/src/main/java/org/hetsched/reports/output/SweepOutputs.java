package org.hetsched.reports.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hetsched.core.Units;
import org.hetsched.reports.html.HtmlReport;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.sweep.SweepRow;

/**
 * The files every sweep folder gets besides results.csv and sweep.json: results.json, the
 * standard charts as SVG and PNG ({@link StandardFigures}) and report.html (tables, the charts
 * inline, and the provenance of every device profile used).
 */
public final class SweepOutputs {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepOutputs() {
    }

    public static SweepJob.Extras standard() {
        return (files, rows) -> {
            files.add("results.json", out -> MAPPER.writeValue(out, json(rows)));
            List<String> notDrawn = new ArrayList<>();
            List<NamedChart> charts = StandardFigures.forSweep(rows, notDrawn::add);
            HtmlReport.Builder report = HtmlReport.builder("hetsched sweep");
            if (!notDrawn.isEmpty()) report.setting("charts not drawn", String.join("; ", notDrawn));
            if (!rows.isEmpty()) {
                report.setting("points", Integer.toString(rows.size()));
                report.setting("models", distinct(rows, SweepRow::model));
                report.setting("devices", distinct(rows, SweepRow::device));
                report.setting("plans", distinct(rows, SweepRow::plan));
                report.setting("prompt lengths", distinct(rows, r -> Integer.toString(r.promptTokens())));
                report.setting("chunk sizes", distinct(rows, r -> Integer.toString(r.chunkTokens())));
                report.setting("policies", distinct(rows, SweepRow::policy));
            }
            report.sweep(rows);
            RunOutputs.charts(files, charts, report);
            for (String device : rows.stream().map(SweepRow::device).distinct().toList()) {
                Provenance.of(device).ifPresent(p -> report.provenance(p));
            }
            HtmlReport html = report.build();
            files.add("report.html", html::write);
        };
    }

    private static String distinct(List<SweepRow> rows, Function<SweepRow, String> axis) {
        return String.join(", ", rows.stream().map(axis).distinct().toList());
    }

    static ArrayNode json(List<SweepRow> rows) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SweepRow r : rows) {
            ObjectNode o = array.addObject();
            o.put("model", r.model()).put("device", r.device()).put("plan", r.plan()).put("policy", r.policy())
                    .put("promptTokens", r.promptTokens()).put("chunkTokens", r.chunkTokens()).put("seed", r.seed())
                    .put("makespanMs", Units.nsToMs(r.makespanNs())).put("tokensPerSecond", r.tokensPerSecond())
                    .put("paddedTokens", r.paddedTokens()).put("tasks", r.tasks()).put("bubbleRate", r.bubbleRate())
                    .put("lowerBoundMs", Units.nsToMs(r.lowerBoundNs()));
            ObjectNode utilization = o.putObject("utilization");
            r.utilizationByProcessor().forEach(utilization::put);
            // present only when the run had energy, as in metrics.json
            r.energyJ().ifPresent(j -> o.put("energyJ", j));
            r.energyJPerPromptToken().ifPresent(j -> o.put("energyJPerPromptToken", j));
        }
        return array;
    }
}
