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
    /** The JSON's keys after profileMismatches, in its order. */
    private static final List<String> STATISTICS_KEYS = List.of("measuredMakespanMsMean", "measuredMakespanMsCi95Low",
            "measuredMakespanMsCi95High", "signedErrorPct", "signedErrorPctCi95Low", "signedErrorPctCi95High", "noiseRelStdPct",
            "noiseDiffHalfWidthPct", "kendallTau", "kendallTauPairs", "kendallConcordant", "kendallDiscordant", "kendallSimulatedTies",
            "speedupErrors", "speedupErrorPpMedianAbs", "speedupErrorPpMaxAbs");

    private ValidationTable() {
    }

    /**
     * Keys: policy, simulatedMakespanMs, measuredMakespanMsMedian, measuredMakespansMs,
     * medianAbsErrorPct, worstAbsErrorPct, medianTaskAbsErrorPct, medianTaskResidualUs, and the
     * correctness check of the last replay's output: outputMatchesQuantisedReference,
     * outputMaxRelErrorVsQuantised, outputMatchesFloat32Reference, outputMaxRelErrorVsFloat32,
     * outputFloat32Tolerance (all null on a backend whose lanes do not compute the model); and
     * forced (true when the run went ahead with a profile not measured for it, so the errors are
     * not the simulator's) with profileMismatches, why (empty when not forced). Then the policy's
     * mean measured makespan and what the runs say about it ({@link MakespanSample}):
     * measuredMakespanMsMean, measuredMakespanMsCi95Low and High (its 95% Student-t interval),
     * signedErrorPct ((sim − mean) / mean) and signedErrorPctCi95Low and High (the interval that
     * follows from the mean's); every interval null with one run. Then the figures of the whole
     * validation ({@link RankingFidelity}), the same in every row: noiseRelStdPct,
     * noiseDiffHalfWidthPct, kendallTau, kendallTauPairs (the resolved pairs it is over),
     * kendallConcordant, kendallDiscordant, kendallSimulatedTies, speedupErrors (one object per
     * pair: a, b, simulatedSpeedup, measuredSpeedup, measuredSpeedupCi95Low, measuredSpeedupCi95High,
     * resolved, errorPp), speedupErrorPpMedianAbs and speedupErrorPpMaxAbs; null where there is
     * not enough data.
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
        RankingFidelity ranking = ranking(reports);
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
            MakespanSample m = r.makespans();
            o.put("measuredMakespanMsMean", m.meanNs() / NS_PER_MS);
            putInterval(o, "measuredMakespanMsCi95", m.meanCi95Ns(), NS_PER_MS);
            o.put("signedErrorPct", m.signedErrorPct());
            putInterval(o, "signedErrorPctCi95", m.signedErrorPctCi95(), 1);
            o.put("noiseRelStdPct", ranking.noiseRelStdPct());
            o.put("noiseDiffHalfWidthPct", ranking.noiseDiffHalfWidthPct());
            o.put("kendallTau", ranking.kendallTau());
            o.put("kendallTauPairs", ranking.resolvedPairs());
            o.put("kendallConcordant", ranking.concordant());
            o.put("kendallDiscordant", ranking.discordant());
            o.put("kendallSimulatedTies", ranking.simulatedTies());
            ArrayNode speedups = o.putArray("speedupErrors");
            for (RankingFidelity.PairSpeedup p : ranking.speedups()) {
                ObjectNode pair = speedups.addObject();
                pair.put("a", p.a());
                pair.put("b", p.b());
                pair.put("simulatedSpeedup", p.simulated());
                pair.put("measuredSpeedup", p.measured());
                putInterval(pair, "measuredSpeedupCi95", p.measuredCi95(), 1);
                pair.put("resolved", p.resolved());
                pair.put("errorPp", p.errorPp());
            }
            o.put("speedupErrorPpMedianAbs", ranking.medianAbsSpeedupErrorPp());
            o.put("speedupErrorPpMaxAbs", ranking.maxAbsSpeedupErrorPp());
            if (r.profileSimulatedMakespanNs() != null) {
                o.put("calibration", "in-situ");
                o.put("profileSimulatedMakespanMs", r.profileSimulatedMakespanNs() / NS_PER_MS);
                o.put("profileSignedErrorPct", r.profileSignedErrorPct());
            }
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
     * {@code profileMismatches} as one {@code ; }-separated cell, {@code speedupErrors} as one
     * {@code ;}-separated cell of {@code a:b=errorPp} (the JSON has each pair's speedups and
     * interval) and a null as an empty cell.
     */
    public static String csv(List<ValidationReport> reports) {
        List<String> header = new ArrayList<>(List.of("policy", "simulatedMakespanMs", "measuredMakespanMsMedian", "measuredMakespansMs",
                "medianAbsErrorPct", "worstAbsErrorPct", "medianTaskAbsErrorPct", "medianTaskResidualUs"));
        header.addAll(CHECK_KEYS);
        header.addAll(List.of("forced", "profileMismatches"));
        header.addAll(STATISTICS_KEYS);
        List<List<String>> rows = new ArrayList<>();
        RankingFidelity ranking = ranking(reports);
        StringBuilder speedups = new StringBuilder();
        for (RankingFidelity.PairSpeedup p : ranking.speedups()) {
            speedups.append(speedups.length() == 0 ? "" : ";").append(p.a()).append(':').append(p.b()).append('=').append(num(p.errorPp()));
        }
        for (ValidationReport r : reports) {
            StringBuilder runs = new StringBuilder();
            for (long ns : r.measuredMakespansNs()) runs.append(runs.length() == 0 ? "" : ";").append(ns / NS_PER_MS);
            List<String> cells = new ArrayList<>(List.of(r.policy(), num(r.simulatedMakespanNs() / NS_PER_MS),
                    num(r.measuredMakespanNsMedian() / NS_PER_MS), runs.toString(), num(r.medianAbsErrorPct()), num(r.worstAbsErrorPct()),
                    num(r.medianTaskAbsErrorPct()), num(r.medianTaskResidualNs() / NS_PER_US)));
            cells.addAll(checkCells(r.check()));
            cells.add(Boolean.toString(r.forced()));
            cells.add(String.join("; ", r.forcedMismatches()));
            MakespanSample m = r.makespans();
            MakespanSample.Interval mean = m.meanCi95Ns();
            MakespanSample.Interval error = m.signedErrorPctCi95();
            cells.addAll(List.of(num(m.meanNs() / NS_PER_MS), mean == null ? "" : num(mean.low() / NS_PER_MS),
                    mean == null ? "" : num(mean.high() / NS_PER_MS), num(m.signedErrorPct()), error == null ? "" : num(error.low()),
                    error == null ? "" : num(error.high()), num(ranking.noiseRelStdPct()), num(ranking.noiseDiffHalfWidthPct()),
                    num(ranking.kendallTau()), Integer.toString(ranking.resolvedPairs()), Integer.toString(ranking.concordant()),
                    Integer.toString(ranking.discordant()), Integer.toString(ranking.simulatedTies()), speedups.toString(),
                    num(ranking.medianAbsSpeedupErrorPp()), num(ranking.maxAbsSpeedupErrorPp())));
            rows.add(cells);
        }
        return Csv.write(header, rows, Csv.LineEnd.CRLF);
    }

    /**
     * One row per policy (the mean measured makespan with its 95% interval and the signed error
     * with its interval, "n/a" with one run); then lines for the noise floor, the ranking (Kendall's
     * τ-b) and the speedup errors of every pair ({@link RankingFidelity}); for a forced run, a
     * FORCED line per reason the profile does not stand for it; {@code footer} (the run's settings)
     * goes last.
     */
    public static String text(List<ValidationReport> reports, String footer) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %12s %12s %22s %28s %10s %10s %10s %14s  %s%n",
                "policy", "sim ms", "real ms", "real mean ±95% ms", "(sim-mean)/mean [95%]", "|err| med", "|err| max", "task |err|",
                "task resid us", "output vs references"));
        for (ValidationReport r : reports) {
            PrefillCheck c = r.check();
            String check = c == null ? "not computed by this backend's lanes"
                    : String.format(Locale.ROOT, "quantised %.1e %s, float32 %.1e (tol %.1e) %s", c.quantised().maxRelativeError(),
                            c.quantised().passed() ? "ok" : "FAILED", c.float32().maxRelativeError(), c.float32().tolerance(),
                            c.float32().passed() ? "ok" : "FAILED");
            MakespanSample m = r.makespans();
            MakespanSample.Interval mean = m.meanCi95Ns();
            MakespanSample.Interval error = m.signedErrorPctCi95();
            String meanCell = String.format(Locale.ROOT, "%.3f ± %s", m.meanNs() / NS_PER_MS,
                    mean == null ? "n/a" : String.format(Locale.ROOT, "%.3f", (mean.high() - mean.low()) / 2 / NS_PER_MS));
            String errorCell = String.format(Locale.ROOT, "%+.2f%% [%s]", m.signedErrorPct(),
                    error == null ? "n/a" : String.format(Locale.ROOT, "%+.2f, %+.2f", error.low(), error.high()));
            out.append(String.format(Locale.ROOT, "%-14s %12.3f %12.3f %22s %28s %9.2f%% %9.2f%% %9.2f%% %14.1f  %s%n", r.policy(),
                    r.simulatedMakespanNs() / NS_PER_MS, r.measuredMakespanNsMedian() / NS_PER_MS, meanCell, errorCell,
                    r.medianAbsErrorPct(), r.worstAbsErrorPct(), r.medianTaskAbsErrorPct(), r.medianTaskResidualNs() / NS_PER_US, check));
        }
        if (!reports.isEmpty()) rankingLines(ranking(reports), reports.size(), out);
        List<String> own = new ArrayList<>();
        for (ValidationReport r : reports) {
            if (r.profileSimulatedMakespanNs() != null) {
                own.add(String.format(Locale.ROOT, "%s %.3f ms (%+.2f%%)", r.policy(), r.profileSimulatedMakespanNs() / NS_PER_MS,
                        r.profileSignedErrorPct()));
            }
        }
        if (!own.isEmpty()) {
            out.append("sim above: costs refitted in situ; the given profile simulated the same schedules as ")
                    .append(String.join(", ", own)).append(System.lineSeparator());
        }
        List<String> forced = reports.isEmpty() ? List.of() : reports.get(0).forcedMismatches();
        for (String why : forced) {
            out.append("FORCED, so these errors are not the simulator's: ").append(why).append(System.lineSeparator());
        }
        return out.append(footer).append(System.lineSeparator()).toString();
    }

    /** The text table's lines for the noise floor, the ranking and the speedup errors. */
    private static void rankingLines(RankingFidelity f, int policies, StringBuilder out) {
        String nl = System.lineSeparator();
        if (f.noiseRelStdPct() == null) {
            out.append("noise floor: n/a (one run per policy, so no run-to-run spread to estimate)").append(nl);
        } else {
            out.append(String.format(Locale.ROOT, "noise floor: pooled run-to-run relative SD %.2f%% (%d degrees of freedom); two"
                    + " policies' means closer than ±%.2f%% are within noise (95%%)%n", f.noiseRelStdPct(), f.noiseDegreesOfFreedom(),
                    f.noiseDiffHalfWidthPct()));
        }
        int pairs = policies * (policies - 1) / 2;
        String over = String.format(Locale.ROOT, "%d of %d policy pairs whose measured means differ beyond noise (Welch 95%%)",
                f.resolvedPairs(), pairs);
        if (f.kendallTau() != null) {
            out.append(String.format(Locale.ROOT, "ranking: Kendall's tau-b %.3f over %s: %d concordant, %d discordant, %d tied in the"
                    + " simulation%n", f.kendallTau(), over, f.concordant(), f.discordant(), f.simulatedTies()));
        } else {
            out.append("ranking: Kendall's tau-b n/a, ").append(f.resolvedPairs() == 0 ? "no pair's measured means differ beyond noise"
                    : over + " are all tied in the simulation").append(nl);
        }
        if (f.speedups().isEmpty()) {
            out.append("speedup errors: n/a (one policy, no pair)").append(nl);
            return;
        }
        out.append(String.format(Locale.ROOT, "speedup errors (simulated - measured speedup of a over b = b's makespan / a's, percentage"
                + " points): median |err| %.2f pp, max %.2f pp%n", f.medianAbsSpeedupErrorPp(), f.maxAbsSpeedupErrorPp()));
        for (RankingFidelity.PairSpeedup p : f.speedups()) {
            MakespanSample.Interval ci = p.measuredCi95();
            out.append(String.format(Locale.ROOT, "  %s over %s: simulated %.4fx, measured %.4fx [%s], error %+.2f pp%s%n", p.a(), p.b(),
                    p.simulated(), p.measured(), ci == null ? "n/a" : String.format(Locale.ROOT, "%.4f, %.4f", ci.low(), ci.high()),
                    p.errorPp(), p.resolved() ? "" : " (measured difference within noise)"));
        }
    }

    /** The figures of the whole validation of {@code reports}. */
    public static RankingFidelity ranking(List<ValidationReport> reports) {
        return RankingFidelity.of(reports.stream().map(ValidationReport::makespans).toList());
    }

    /** {@code key}Low and {@code key}High: the interval's ends divided by {@code unit}, or null. */
    private static void putInterval(ObjectNode o, String key, MakespanSample.Interval interval, double unit) {
        if (interval == null) {
            o.putNull(key + "Low");
            o.putNull(key + "High");
        } else {
            o.put(key + "Low", interval.low() / unit);
            o.put(key + "High", interval.high() / unit);
        }
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

    /** Empty for null. */
    private static String num(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
