package org.hetsched.reports.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.hetsched.reports.reproduce.ReproductionTable;
import org.hetsched.reports.reproduce.TargetPrediction;

/** A converged fit as a text table or JSON: parameters, residuals before and after, leave-one-out. */
public final class FitReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FitReport() {
    }

    /** The text table. */
    public static String text(ProfileFit.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "fit to targets %s: objective %.6g (base %.6g), converged after %d evaluations%n",
                r.after().targets().file(), r.objective(), r.before().weightedSquaredLogError(), r.evaluations()));
        b.append("uncertainty: ").append(r.uncertainty()).append(String.format(Locale.ROOT, ", 16%%..84%% interval%n%n"));
        b.append(String.format(Locale.ROOT, "%-50s %14s %14s %14s %14s  %s%n", "parameter", "base", "fitted", "16%", "84%", "note"));
        for (ProfileFit.ParameterResult p : r.parameters()) {
            b.append(String.format(Locale.ROOT, "%-50s %14.6g %14.6g %14s %14s  %s%n", p.parameter().name(), p.base(), p.fitted(),
                    g(p.low()), g(p.high()), p.pinned() == null ? "" : "pinned at " + p.pinned() + " bound"));
        }
        for (ProfileFit.Correlation c : r.correlations()) {
            b.append(String.format(Locale.ROOT, "correlated: %s and %s (%.2f)%n", c.first(), c.second(), c.correlation()));
        }
        b.append(String.format(Locale.ROOT, "%n%-22s %-60s %10s %10s %10s%n", "target", "what", "before", "after", "LOO"));
        List<TargetPrediction> before = r.before().weighted();
        List<TargetPrediction> after = r.after().weighted();
        for (int i = 0; i < after.size(); i++) {
            String loo = r.leaveOneOut().isEmpty() ? "" : percent(r.leaveOneOut().get(i).relativeError());
            b.append(String.format(Locale.ROOT, "%-22s %-60s %10s %10s %10s%n", after.get(i).target().id(),
                    ReproductionTable.what(after.get(i).target()), percent(before.get(i).relativeError().getAsDouble()),
                    percent(after.get(i).relativeError().getAsDouble()), loo));
        }
        b.append(String.format(Locale.ROOT, "%n%d weighted targets: median |error| %s before, %s after; max |error| %s before, %s after%n",
                after.size(), percent(r.before().medianAbsoluteError().orElse(Double.NaN)),
                percent(r.after().medianAbsoluteError().orElse(Double.NaN)), percent(r.before().maxAbsoluteError().orElse(Double.NaN)),
                percent(r.after().maxAbsoluteError().orElse(Double.NaN))));
        if (!r.leaveOneOut().isEmpty()) {
            b.append(String.format(Locale.ROOT, "leave-one-out: median |error| %s, max |error| %s%n", percent(r.leaveOneOutMedian()),
                    percent(r.leaveOneOutMax())));
        }
        return b.toString();
    }

    /** The JSON document. */
    public static String json(ProfileFit.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("targets", r.after().targets().file());
        root.put("converged", r.converged());
        root.put("evaluations", r.evaluations());
        root.put("objective", r.objective());
        root.put("baseObjective", r.before().weightedSquaredLogError());
        root.put("uncertainty", r.uncertainty());
        ArrayNode params = root.putArray("parameters");
        for (ProfileFit.ParameterResult p : r.parameters()) {
            ObjectNode o = params.addObject();
            o.put("name", p.parameter().name());
            ArrayNode paths = o.putArray("paths");
            p.parameter().paths().forEach(paths::add);
            o.put("low", p.parameter().low());
            o.put("high", p.parameter().high());
            o.put("base", p.base());
            o.put("fitted", p.fitted());
            number(o, "p16", p.low());
            number(o, "p84", p.high());
            if (p.pinned() == null) o.putNull("pinned");
            else o.put("pinned", p.pinned());
        }
        ArrayNode corr = root.putArray("correlations");
        for (ProfileFit.Correlation c : r.correlations()) {
            corr.addObject().put("first", c.first()).put("second", c.second()).put("correlation", c.correlation());
        }
        ArrayNode rows = root.putArray("targets_");
        List<TargetPrediction> before = r.before().weighted();
        List<TargetPrediction> after = r.after().weighted();
        for (int i = 0; i < after.size(); i++) {
            ObjectNode o = rows.addObject();
            o.put("id", after.get(i).target().id());
            o.put("errorBefore", before.get(i).relativeError().getAsDouble());
            o.put("errorAfter", after.get(i).relativeError().getAsDouble());
            if (r.leaveOneOut().isEmpty()) o.putNull("errorLeaveOneOut");
            else o.put("errorLeaveOneOut", r.leaveOneOut().get(i).relativeError());
        }
        root.set("rows", root.remove("targets_"));
        ObjectNode summary = root.putObject("summary");
        number(summary, "medianAbsoluteErrorBefore", r.before().medianAbsoluteError().orElse(Double.NaN));
        number(summary, "medianAbsoluteErrorAfter", r.after().medianAbsoluteError().orElse(Double.NaN));
        number(summary, "maxAbsoluteErrorBefore", r.before().maxAbsoluteError().orElse(Double.NaN));
        number(summary, "maxAbsoluteErrorAfter", r.after().maxAbsoluteError().orElse(Double.NaN));
        number(summary, "leaveOneOutMedianAbsoluteError", r.leaveOneOutMedian());
        number(summary, "leaveOneOutMaxAbsoluteError", r.leaveOneOutMax());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, v);
        else o.putNull(field);
    }

    private static String g(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "n/a";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", 100 * v) : "n/a";
    }
}
