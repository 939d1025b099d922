package org.hetsched.profiles.calibrate;

import static org.hetsched.core.Units.NS_PER_MS;
import static org.hetsched.core.Units.NS_PER_US;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.hetsched.core.Units;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.format.MeasuredOn;
import org.hetsched.profiles.format.ProfileJson;

/**
 * Turns host measurements into a device profile in the standard format
 * ({@code hetsched-device-profile/1}, see hw-profiles/README.md): the host lanes as processors,
 * every measured shape as a {@code costs} point (latency = median), rooflines from least-squares
 * fits over those points ({@link CostFit}), and the measured hand-off as {@code sync}. Every number
 * gets a source naming the machine, date, version, repetitions and its measured spread. Stateless.
 *
 * <p>Fits per (lane, dtype): matmul kinds (without SHADOW_LINEAR, whose MAC count overstates its
 * sparse work) over MACs; every other kind over elements. A (lane, dtype) with no measured points of
 * a family borrows the fit of the nearest measured one — same lane any dtype (the host computes
 * FP16 in float32 with the same kernels), then any lane same dtype, then any — and its source says so.
 */
public final class ProfileWriter {

    private ProfileWriter() {
    }

    /**
     * The profile of a backend's lanes as a JSON object.
     *
     * @param lanes        the backend's lanes; measurements name them by id
     * @param namePrefix   the profile is named {@code <prefix>-<hostname>}
     * @param lanesSummary what the lanes are, for the description
     * @param measuredOn   written as the profile's {@code measuredOn}, what {@code hetsched validate} checks
     */
    public static ObjectNode toJson(Platform lanes, String namePrefix, String lanesSummary, List<Measurement> measurements,
                             RobustStats.Summary handoffNs, Provenance provenance, MeasuredOn measuredOn, int repetitions, int warmup,
                             String what) {
        if (measurements.isEmpty()) throw new IllegalStateException("no op shapes were measured for " + what);
        String where = provenance.describe();
        String protocol = warmup + " warm-up and " + repetitions + " timed runs per shape, median after dropping runs beyond "
                + RobustStats.OUTLIER_MADS + " MAD";
        ObjectNode root = ProfileJson.newProfile(namePrefix + "-" + provenance.hostname(), lanesSummary + " on " + provenance.hostname()
                + " (" + provenance.cpuModel() + "), calibrated by hetsched profile from " + what, measuredOn);
        ProfileJson.putSource(root, "derived-dispatch", "Derived. A host lane starts a task by a direct method call on its worker thread,"
                + " with no separate launch step; what little that costs is inside each op's measured time, so the dispatch overhead is 0.");
        for (Processor p : lanes.processors()) ProfileJson.addProcessor(root, p, 0, "derived-dispatch");

        // costs: one entry per (lane, kind, dtype), points by (batch, k, n, m), non-decreasing in m
        Map<String, List<Measurement>> entries = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            entries.computeIfAbsent(m.processor() + "/" + m.kind() + "/" + m.dtype(), k -> new ArrayList<>()).add(m);
        }
        int sourceNo = 0;
        Map<Measurement, Double> latencyNs = new LinkedHashMap<>();
        for (List<Measurement> entry : entries.values()) {
            Measurement first = entry.get(0);
            String lane = lanes.processor(first.processor()).name();
            List<Measurement> sorted = new ArrayList<>(distinctShapes(entry));
            sorted.sort(Comparator.comparingInt(Measurement::batch).thenComparingInt(Measurement::k).thenComparingInt(Measurement::n)
                    .thenComparingInt(Measurement::m));
            double[] adjusted = nonDecreasingInM(sorted);
            String entrySource = "measured-" + (++sourceNo);
            ProfileJson.putSource(root, entrySource, "Measured on " + where + ": " + first.kind() + " " + first.dtype() + " on lane " + lane
                    + ", " + protocol + "; each point names its own spread.");
            ArrayNode points = ProfileJson.points(ProfileJson.addCostEntry(root, lane, first.kind(), first.dtype(), entrySource));
            for (int i = 0; i < sorted.size(); i++) {
                Measurement m = sorted.get(i);
                String id = "measured-" + (++sourceNo);
                RobustStats.Summary s = m.summary();
                String text = "Measured on " + where + ": " + m.kind() + " " + m.dtype() + " " + shape(m) + " on lane " + lane + ", "
                        + protocol + "; median " + us(s.medianNs()) + " us, MAD " + us(s.madNs()) + " us, " + s.kept() + " of "
                        + m.runs() + " runs kept";
                if (adjusted[i] != s.medianNs()) {
                    text += "; written as " + us(adjusted[i]) + " us, the mean with its neighbours in m, because latency may not fall"
                            + " as m grows (profile format rule 11)";
                }
                ProfileJson.putSource(root, id, text + ".");
                ProfileJson.addPoint(points, m.batch(), m.m(), m.k(), m.n(), adjusted[i] / NS_PER_MS, id);
                latencyNs.put(m, adjusted[i]);
            }
        }

        for (Processor p : lanes.processors()) {
            for (DType dtype : p.dtypes().stream().sorted().toList()) {
                Family mm = fit(lanes, measurements, latencyNs, p.id(), dtype, k -> k.matmul() && k != OpKind.SHADOW_LINEAR);
                Family ew = fit(lanes, measurements, latencyNs, p.id(), dtype, k -> !k.matmul());
                String mmId = "fit-" + p.name() + "-" + dtype.name().toLowerCase(Locale.ROOT) + "-matmul";
                String ewId = "fit-" + p.name() + "-" + dtype.name().toLowerCase(Locale.ROOT) + "-elementwise";
                ProfileJson.putSource(root, mmId, "Derived from measurements on " + where + " (" + protocol + "): least-squares line of"
                        + " median latency over MACs (Commons Math SimpleRegression) " + mm.describe() + "; fixed = intercept clamped at 0,"
                        + " MAC/s = 1e9 / slope.");
                ProfileJson.putSource(root, ewId, "Derived from measurements on " + where + " (" + protocol + "): least-squares line of"
                        + " median latency over elements " + ew.describe() + "; fixed = intercept clamped at 0, bytes/s = 2 x " + dtype.bytes()
                        + " bytes per element (read and written once) x 1e9 / slope. Matmul bandwidth on this lane uses it too.");
                double bytesPerSecond = 2.0 * dtype.bytes() * Units.NS_PER_SECOND / ew.nsPerUnit;
                ProfileJson.addAnalytic(root, p.name(), dtype, mm.fixedNs / NS_PER_US, Units.perSecondFromNsPerUnit(mm.nsPerUnit),
                        bytesPerSecond, mmId, ew.fixedNs / NS_PER_US, ewId);
            }
        }

        ProfileJson.putSource(root, "measured-handoff", "Measured on " + where + ": one-way hand-off between two threads through a"
                + " SynchronousQueue (round trips / 2), " + warmup + " warm-up and " + repetitions + " timed samples; median "
                + us(handoffNs.medianNs()) + " us, MAD " + us(handoffNs.madNs()) + " us, " + handoffNs.kept() + " kept. The same value"
                + " in both directions: both lanes are threads of one process.");
        for (Processor from : lanes.processors()) {
            for (Processor to : lanes.processors()) {
                if (from.id() != to.id()) ProfileJson.addSync(root, from.name(), to.name(), handoffNs.medianNs() / NS_PER_US, "measured-handoff");
            }
        }
        return root;
    }

    /**
     * Adds the measured co-run slowdowns to a profile made by {@link #toJson}: one {@code contention}
     * entry per measurement, with both roles, and a source that says how it was measured, its
     * bootstrap interval and, where it is written as 0, why ({@link CoRunMeasurement#written()}).
     *
     * @param lanes    the backend's lanes; measurements name them by id
     * @param protocol how the pairs were taken, for the sources
     */
    public static void addContention(ObjectNode root, Platform lanes, List<CoRunMeasurement> coRuns, Provenance provenance,
                                     String protocol) {
        String where = provenance.describe();
        int no = 0;
        for (CoRunMeasurement c : coRuns) {
            String victim = lanes.processor(c.victim()).name();
            String aggressor = lanes.processor(c.aggressor()).name();
            double[] interval = c.interval();
            String id = "measured-contention-" + (++no);
            String text = "Measured on " + where + ": " + c.victimRole() + " tasks on lane " + victim + " while lane " + aggressor
                    + " runs " + c.aggressorRole() + " tasks back to back, " + protocol + "; " + c.pairs() + " pairs, median solo "
                    + us(c.soloMedianNs()) + " us, median co-run " + us(c.coRunMedianNs()) + " us, slowdown = median co-run / median"
                    + " solo - 1 = " + ratio(c.slowdown()) + ", paired bootstrap " + CoRunMeasurement.INTERVAL_PERCENT + "% interval ["
                    + ratio(interval[0]) + ", " + ratio(interval[1]) + "] (" + CoRunMeasurement.BOOTSTRAP_RESAMPLES + " resamples)";
            if (!c.significant()) {
                text += "; written as 0 because the interval " + (c.slowdown() < 0 ? "lies below or includes 0 (a negative slowdown)"
                        : "includes 0") + ": no slowdown was measured";
            }
            ProfileJson.putSource(root, id, text + ".");
            ProfileJson.addContention(root, victim, aggressor, c.victimRole(), c.aggressorRole(), c.written(), id);
        }
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A fit reduced to profile numbers, with where it came from. */
    private record Family(double fixedNs, double nsPerUnit, String origin, CostFit fit) {
        String describe() {
            return origin + ": intercept " + String.format(Locale.ROOT, "%.3f", fit.interceptNs()) + " ns, slope "
                    + String.format(Locale.ROOT, "%.6g", fit.slopeNsPerUnit()) + " ns per unit, " + fit.points() + " points";
        }
    }

    private static Family fit(Platform lanes, List<Measurement> all, Map<Measurement, Double> latencyNs, int lane, DType dtype, Predicate<OpKind> kinds) {
        String laneName = lanes.processor(lane).name();
        List<Predicate<Measurement>> tiers = List.of(
                m -> m.processor() == lane && m.dtype() == dtype,
                m -> m.processor() == lane,
                m -> m.dtype() == dtype,
                m -> true);
        List<String> origins = List.of(
                "over the " + dtype + " points of lane " + laneName,
                "over all points of lane " + laneName + " (no " + dtype + " points; the lane computes it with the same kernels)",
                "over the " + dtype + " points of the other lane (lane " + laneName + " has none of this family)",
                "over all points of this family (lane " + laneName + " has none)");
        for (int t = 0; t < tiers.size(); t++) {
            Predicate<Measurement> tier = tiers.get(t);
            List<CostFit.Point> points = new ArrayList<>();
            double work = 0;
            double latency = 0;
            for (Measurement m : all) {
                if (!kinds.test(m.kind()) || !tier.test(m) || !latencyNs.containsKey(m)) continue;
                double ns = Math.max(latencyNs.get(m), 1);
                points.add(new CostFit.Point(m.work(), ns));
                work += m.work();
                latency += ns;
            }
            if (points.isEmpty()) continue;
            CostFit fit = CostFit.of(points);
            if (fit.slopeNsPerUnit() > 0) return new Family(fit.fixedNs(), fit.slopeNsPerUnit(), origins.get(t), fit);
            // a flat or falling line has no rate; the mean rate through the origin is the honest fallback
            return new Family(0, latency / work, origins.get(t) + "; the slope was not positive, so fixed = 0 and the rate is total"
                    + " work / total latency", fit);
        }
        throw new IllegalStateException("no measured points of this op family on any lane (lane " + laneName + ", " + dtype + ")");
    }

    /** Measurements with distinct (batch, m, k, n), first kept (ROPE head widths do not reach the profile). */
    private static List<Measurement> distinctShapes(List<Measurement> entry) {
        Map<String, Measurement> byShape = new LinkedHashMap<>();
        for (Measurement m : entry) byShape.putIfAbsent(shape(m), m);
        return new ArrayList<>(byShape.values());
    }

    /**
     * Medians made non-decreasing in m within each (batch, k, n) group by pool-adjacent-violators
     * (equal weights): a violating run is replaced by its mean. Input sorted by (batch, k, n, m).
     */
    static double[] nonDecreasingInM(List<Measurement> sorted) {
        double[] out = new double[sorted.size()];
        int start = 0;
        while (start < sorted.size()) {
            int end = start;
            Measurement s = sorted.get(start);
            while (end + 1 < sorted.size() && sameGroup(s, sorted.get(end + 1))) end++;
            double[] values = new double[end - start + 1];
            for (int i = 0; i < values.length; i++) values[i] = sorted.get(start + i).summary().medianNs();
            double[] fitted = pava(values);
            System.arraycopy(fitted, 0, out, start, fitted.length);
            start = end + 1;
        }
        return out;
    }

    /** The non-decreasing sequence closest to {@code values} in least squares (pool-adjacent-violators, equal weights). */
    public static double[] pava(double[] values) {
        int n = values.length;
        double[] sum = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (double v : values) {
            sum[blocks] = v;
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / count[blocks - 2] > sum[blocks - 1] / count[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                count[blocks - 2] += count[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        int at = 0;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < count[b]; i++) out[at++] = sum[b] / count[b];
        }
        return out;
    }

    private static boolean sameGroup(Measurement a, Measurement b) {
        return a.batch() == b.batch() && a.k() == b.k() && a.n() == b.n();
    }

    private static String shape(Measurement m) {
        return m.batch() + "x(" + m.m() + "x" + m.k() + " . " + m.k() + "x" + m.n() + ")";
    }

    private static String us(double ns) {
        return String.format(Locale.ROOT, "%.3f", ns / NS_PER_US);
    }
}
