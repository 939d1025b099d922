package org.hetsched.backend.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Validation reports as {@code hetsched validate} prints and files them: a JSON array (one object
 * per policy, times in ms), the same as CSV, or a text table. Stateless.
 */
public final class ValidationTable {
    private static final double NS_PER_MS = 1e6;
    private static final double NS_PER_US = 1e3;

    private ValidationTable() {
    }

    /** Keys: policy, simulatedMakespanMs, measuredMakespanMsMedian, measuredMakespansMs, medianAbsErrorPct, worstAbsErrorPct, medianTaskAbsErrorPct, medianTaskResidualUs. */
    public static String json(List<HostValidation.Report> reports) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (HostValidation.Report r : reports) {
            ObjectNode o = array.addObject();
            o.put("policy", r.policy());
            o.put("simulatedMakespanMs", r.simulatedMakespanNs() / NS_PER_MS);
            o.put("measuredMakespanMsMedian", r.measuredMakespanNsMedian() / NS_PER_MS);
            ArrayNode all = o.putArray("measuredMakespansMs");
            for (long ns : r.measuredMakespansNs()) all.add(ns / NS_PER_MS);
            o.put("medianAbsErrorPct", r.medianAbsErrorPct());
            o.put("worstAbsErrorPct", r.worstAbsErrorPct());
            o.put("medianTaskAbsErrorPct", r.medianTaskAbsErrorPct());
            o.put("medianTaskResidualUs", r.medianTaskResidualNs() / NS_PER_US);
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise validation reports", e);
        }
    }

    /**
     * RFC 4180 CSV with a header row, one row per policy: the JSON's keys as columns, in its order,
     * with {@code measuredMakespansMs} as {@code ;}-separated values in run order.
     */
    public static String csv(List<HostValidation.Report> reports) {
        StringBuilder out = new StringBuilder("policy,simulatedMakespanMs,measuredMakespanMsMedian,measuredMakespansMs,"
                + "medianAbsErrorPct,worstAbsErrorPct,medianTaskAbsErrorPct,medianTaskResidualUs\r\n");
        for (HostValidation.Report r : reports) {
            StringBuilder runs = new StringBuilder();
            for (long ns : r.measuredMakespansNs()) runs.append(runs.length() == 0 ? "" : ";").append(ns / NS_PER_MS);
            out.append(String.join(",", quote(r.policy()), num(r.simulatedMakespanNs() / NS_PER_MS),
                    num(r.measuredMakespanNsMedian() / NS_PER_MS), runs, num(r.medianAbsErrorPct()), num(r.worstAbsErrorPct()),
                    num(r.medianTaskAbsErrorPct()), num(r.medianTaskResidualNs() / NS_PER_US))).append("\r\n");
        }
        return out.toString();
    }

    /** One row per policy; {@code footer} (the run's settings) goes last. */
    public static String text(List<HostValidation.Report> reports, String footer) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %12s %12s %10s %10s %10s %14s%n",
                "policy", "sim ms", "real ms", "|err| med", "|err| max", "task |err|", "task resid us"));
        for (HostValidation.Report r : reports) {
            out.append(String.format(Locale.ROOT, "%-14s %12.3f %12.3f %9.2f%% %9.2f%% %9.2f%% %14.1f%n", r.policy(),
                    r.simulatedMakespanNs() / NS_PER_MS, r.measuredMakespanNsMedian() / NS_PER_MS, r.medianAbsErrorPct(),
                    r.worstAbsErrorPct(), r.medianTaskAbsErrorPct(), r.medianTaskResidualNs() / NS_PER_US));
        }
        return out.append(footer).append(System.lineSeparator()).toString();
    }

    private static String num(double value) {
        return Double.toString(value);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
