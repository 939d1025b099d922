package org.hetsched.reports.table;

import static org.hetsched.core.Units.NS_PER_MS;
import static org.hetsched.core.Units.NS_PER_US;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hetsched.core.trace.PrefillCheck;
import org.hetsched.reports.Csv;

/**
 * Validation reports as {@code hetsched validate} prints and files them: a JSON array (one object
 * per policy, times in ms), the same as CSV, or a text table. Stateless.
 */
public final class ValidationTable {
    private static final List<String> CHECK_KEYS = List.of("outputMatchesQuantisedReference", "outputMaxRelErrorVsQuantised",
            "outputMatchesFloat32Reference", "outputMaxRelErrorVsFloat32", "outputFloat32Tolerance");

    private ValidationTable() {
    }

    /**
     * Keys: policy, simulatedMakespanMs, measuredMakespanMsMedian, measuredMakespansMs,
     * medianAbsErrorPct, worstAbsErrorPct, medianTaskAbsErrorPct, medianTaskResidualUs, and the
     * correctness check of the last replay's output: outputMatchesQuantisedReference,
     * outputMaxRelErrorVsQuantised, outputMatchesFloat32Reference, outputMaxRelErrorVsFloat32,
     * outputFloat32Tolerance (all null on a backend whose lanes do not compute the model); and
     * forced (true when the run went ahead with a profile not measured for it, so the errors are
     * not the simulator's) with profileMismatches, why (empty when not forced).
     */
    public static String json(List<ValidationReport> reports) {
        return json(reports, null);
    }

    /**
     * {@link #json(List)}, and when {@code noisyForeignLoad} is not null (the run went ahead with
     * other load on the lane CPUs over the threshold) two more keys in every row: {@code noisy}
     * (true) and {@code foreignLoad}, per lane CPU ({@code cpuN}) the measured fraction of its time
     * that other processes took.
     */
    public static String json(List<ValidationReport> reports, Map<String, Double> noisyForeignLoad) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (ValidationReport r : reports) {
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
            PrefillCheck c = r.check();
            if (c == null) {
                for (String key : CHECK_KEYS) o.putNull(key);
            } else {
                o.put("outputMatchesQuantisedReference", c.quantised().passed());
                o.put("outputMaxRelErrorVsQuantised", c.quantised().maxRelativeError());
                o.put("outputMatchesFloat32Reference", c.float32().passed());
                o.put("outputMaxRelErrorVsFloat32", c.float32().maxRelativeError());
                o.put("outputFloat32Tolerance", c.float32().tolerance());
            }
            o.put("forced", r.forced());
            ArrayNode why = o.putArray("profileMismatches");
            r.forcedMismatches().forEach(why::add);
            if (noisyForeignLoad != null) {
                o.put("noisy", true);
                ObjectNode load = o.putObject("foreignLoad");
                noisyForeignLoad.forEach(load::put);
            }
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise validation reports", e);
        }
    }

    /**
     * RFC 4180 CSV ({@link Csv}, CRLF) with a header row, one row per policy: the JSON's keys as columns, in its order,
     * with {@code measuredMakespansMs} as {@code ;}-separated values in run order and
     * {@code profileMismatches} as one {@code ; }-separated cell.
     */
    public static String csv(List<ValidationReport> reports) {
        List<String> header = new ArrayList<>(List.of("policy", "simulatedMakespanMs", "measuredMakespanMsMedian", "measuredMakespansMs",
                "medianAbsErrorPct", "worstAbsErrorPct", "medianTaskAbsErrorPct", "medianTaskResidualUs"));
        header.addAll(CHECK_KEYS);
        header.addAll(List.of("forced", "profileMismatches"));
        List<List<String>> rows = new ArrayList<>();
        for (ValidationReport r : reports) {
            StringBuilder runs = new StringBuilder();
            for (long ns : r.measuredMakespansNs()) runs.append(runs.length() == 0 ? "" : ";").append(ns / NS_PER_MS);
            List<String> cells = new ArrayList<>(List.of(r.policy(), num(r.simulatedMakespanNs() / NS_PER_MS),
                    num(r.measuredMakespanNsMedian() / NS_PER_MS), runs.toString(), num(r.medianAbsErrorPct()), num(r.worstAbsErrorPct()),
                    num(r.medianTaskAbsErrorPct()), num(r.medianTaskResidualNs() / NS_PER_US)));
            cells.addAll(checkCells(r.check()));
            cells.add(Boolean.toString(r.forced()));
            cells.add(String.join("; ", r.forcedMismatches()));
            rows.add(cells);
        }
        return Csv.write(header, rows, Csv.LineEnd.CRLF);
    }

    /**
     * One row per policy; then, for a forced run, a FORCED line per reason the profile does not
     * stand for it; {@code footer} (the run's settings) goes last.
     */
    public static String text(List<ValidationReport> reports, String footer) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %12s %12s %10s %10s %10s %14s  %s%n",
                "policy", "sim ms", "real ms", "|err| med", "|err| max", "task |err|", "task resid us", "output vs references"));
        for (ValidationReport r : reports) {
            PrefillCheck c = r.check();
            String check = c == null ? "not computed by this backend's lanes"
                    : String.format(Locale.ROOT, "quantised %.1e %s, float32 %.1e (tol %.1e) %s", c.quantised().maxRelativeError(),
                            c.quantised().passed() ? "ok" : "FAILED", c.float32().maxRelativeError(), c.float32().tolerance(),
                            c.float32().passed() ? "ok" : "FAILED");
            out.append(String.format(Locale.ROOT, "%-14s %12.3f %12.3f %9.2f%% %9.2f%% %9.2f%% %14.1f  %s%n", r.policy(),
                    r.simulatedMakespanNs() / NS_PER_MS, r.measuredMakespanNsMedian() / NS_PER_MS, r.medianAbsErrorPct(),
                    r.worstAbsErrorPct(), r.medianTaskAbsErrorPct(), r.medianTaskResidualNs() / NS_PER_US, check));
        }
        List<String> forced = reports.isEmpty() ? List.of() : reports.get(0).forcedMismatches();
        for (String why : forced) {
            out.append("FORCED, so these errors are not the simulator's: ").append(why).append(System.lineSeparator());
        }
        return out.append(footer).append(System.lineSeparator()).toString();
    }

    /** The check's CSV cells, all empty when there is no check. */
    private static List<String> checkCells(PrefillCheck c) {
        if (c == null) return Collections.nCopies(CHECK_KEYS.size(), "");
        return List.of(Boolean.toString(c.quantised().passed()), num(c.quantised().maxRelativeError()),
                Boolean.toString(c.float32().passed()), num(c.float32().maxRelativeError()), num(c.float32().tolerance()));
    }

    private static String num(double value) {
        return Double.toString(value);
    }
}
