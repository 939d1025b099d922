package org.hetsched.reports.reproduce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.hetsched.reports.Csv;

/**
 * A {@link Reproduction} as a table, JSON or CSV: per target its id, what it measured, the
 * published and the predicted value, the error and whether a range holds the prediction, and its
 * source; then the median and largest |error| over the weighted rows. Keys in reports/README.md. Stateless.
 */
public final class ReproductionTable {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> HEADER = List.of("id", "what", "published", "predicted", "errorPercent", "inRange",
            "weight", "source");

    private ReproductionTable() {
    }

    /** What a row measured in which configuration, in a few words, e.g. {@code qwen1.5-1.8b ooe 656-827 tok: prefillMs}. */
    public static String what(Target t) {
        if (t.metric().kind() == TargetMetric.Kind.RATIO) return t.metric().toString();
        String prompt = t.promptMinTokens() == t.promptMaxTokens() ? Integer.toString(t.promptMinTokens())
                : t.promptMinTokens() + "-" + t.promptMaxTokens();
        String shadow = t.shadow().equals(Shadow.DEFAULT) ? "" : " shadow " + t.shadow().text();
        return t.model() + " " + t.policy() + " " + prompt + " tok" + shadow + ": " + t.metric();
    }

    /** Column names of the human-readable table ({@link #text}, {@link #textRows}). */
    public static final List<String> TEXT_HEADER = List.of("id", "what", "published", "predicted", "error", "range", "weight", "source");

    /** The human-readable table and summary. */
    public static String text(Reproduction r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "targets %s on %s%n%n", r.targets().file(),
                r.device() == null ? "each row's device" : r.device()));
        int idWidth = r.predictions().stream().mapToInt(p -> p.target().id().length()).max().orElse(2);
        int whatWidth = r.predictions().stream().mapToInt(p -> what(p.target()).length()).max().orElse(4);
        String line = "%-" + idWidth + "s  %-" + whatWidth + "s %11s %11s %8s %6s %6s  %s%n";
        out.append(String.format(Locale.ROOT, line, TEXT_HEADER.toArray()));
        for (List<String> cells : textRows(r)) out.append(String.format(Locale.ROOT, line, cells.toArray()));
        out.append(String.format(Locale.ROOT, "%n%s%n", summary(r)));
        return out.toString();
    }

    /**
     * The cells of the human-readable table, one list per target in {@link #TEXT_HEADER}'s order: "-"
     * where there is no published value or error, the prediction to 4 significant digits, the error
     * as a signed percentage, "yes"/"no" for a range ("" otherwise).
     */
    public static List<List<String>> textRows(Reproduction r) {
        List<List<String>> rows = new ArrayList<>();
        for (TargetPrediction p : r.predictions()) {
            Target t = p.target();
            rows.add(List.of(t.id(), what(t), t.published() == null ? "-" : t.published().toString(),
                    String.format(Locale.ROOT, "%.4g", p.predicted()),
                    p.relativeError().isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * p.relativeError().getAsDouble()) : "-",
                    inRange(p), weight(t.weight()), t.source()));
        }
        return rows;
    }

    /** The summary line: how many weighted targets, their median and largest |error|. */
    public static String summary(Reproduction r) {
        return String.format(Locale.ROOT, "%d weighted targets: median |error| %s, max |error| %s", r.weighted().size(),
                percent(r.medianAbsoluteError()), percent(r.maxAbsoluteError()));
    }

    /** One JSON object: {@code targets}, {@code device}, {@code rows} (one per target) and {@code summary}. */
    public static String json(Reproduction r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("targets", r.targets().file());
        if (r.device() == null) root.putNull("device");
        else root.put("device", r.device());
        ArrayNode rows = root.putArray("rows");
        for (TargetPrediction p : r.predictions()) {
            Target t = p.target();
            ObjectNode row = rows.addObject();
            row.put("id", t.id());
            row.put("what", what(t));
            row.put("metric", t.metric().toString());
            if (t.published() == null) {
                row.putNull("publishedLow");
                row.putNull("publishedHigh");
            } else {
                row.put("publishedLow", t.published().low());
                if (Double.isInfinite(t.published().high())) row.putNull("publishedHigh");
                else row.put("publishedHigh", t.published().high());
            }
            row.put("predicted", p.predicted());
            put(row, "relativeError", p.relativeError());
            put(row, "logError", p.logError());
            if (t.published() == null || !t.published().isRange()) row.putNull("inRange");
            else row.put("inRange", t.published().contains(p.predicted()));
            row.put("weight", t.weight());
            row.put("source", t.source());
            row.put("note", t.note());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("weightedTargets", r.weighted().size());
        put(summary, "medianAbsoluteError", r.medianAbsoluteError());
        put(summary, "maxAbsoluteError", r.maxAbsoluteError());
        summary.put("weightedSquaredLogError", r.weightedSquaredLogError());
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the reproduction", e);
        }
    }

    /** RFC 4180 CSV ({@link Csv}, CRLF): one row per target, error as a percentage, empty cells where there is none. */
    public static String csv(Reproduction r) {
        List<List<String>> rows = new ArrayList<>();
        for (TargetPrediction p : r.predictions()) {
            Target t = p.target();
            rows.add(List.of(t.id(), what(t), t.published() == null ? "" : t.published().toString(), Double.toString(p.predicted()),
                    p.relativeError().isPresent() ? Double.toString(100 * p.relativeError().getAsDouble()) : "",
                    t.published() != null && t.published().isRange() ? Boolean.toString(t.published().contains(p.predicted())) : "",
                    Double.toString(t.weight()), t.source()));
        }
        return Csv.write(HEADER, rows, Csv.LineEnd.CRLF);
    }

    private static String inRange(TargetPrediction p) {
        PublishedValue v = p.target().published();
        if (v == null || !v.isRange()) return "";
        return v.contains(p.predicted()) ? "yes" : "no";
    }

    private static String weight(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    private static String percent(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * v.getAsDouble()) : "-";
    }

    private static void put(ObjectNode node, String key, OptionalDouble v) {
        if (v.isPresent()) node.put(key, v.getAsDouble());
        else node.putNull(key);
    }
}
