package org.hetsched.reports.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hetsched.core.Units;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.reports.Csv;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;

/**
 * A comparison of policies as a text table, a JSON array or CSV. Columns, one row per policy:
 * policy, makespan, tokens/s, speedup over the first policy, lower bound and the gap to it, the
 * optimum (when proven, and only when it prices what the simulation charges: not with contention)
 * and the gap to it, bubble rate, utilisation per processor, the
 * number of decisions, and energy (J, J per prompt token) only when some run accounted it (JSON:
 * keys on the runs that have it; CSV: two more columns, empty where a run has none), and the
 * serial prefill setup and setup + makespan ({@code setupMs, prefillMs}) only when some run has a
 * setup. Only the text table adds the policy's own (wall-clock) time per decision;
 * JSON and CSV are results that reruns reproduce byte for byte ({@link TimingJson} has the times).
 */
public final class ComparisonTable {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonTable() {
    }

    /** The JSON array: one object per policy (keys in reports/README.md). */
    public static String json(ComparisonResult c) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (SimulationResult run : c.runs()) {
            Metrics m = run.metrics();
            ObjectNode row = rows.addObject();
            row.put("policy", m.policy());
            row.put("makespanMs", Units.nsToMs(m.makespanNs()));
            row.put("tokensPerSecond", m.tokensPerSecond());
            row.put("speedup", c.speedup(run));
            row.put("lowerBoundMs", Units.nsToMs(m.lowerBoundNs()));
            row.put("lowerBoundBasis", c.bound().basis());
            row.put("gapToLowerBound", gap(m.makespanNs(), m.lowerBoundNs()));
            Long optimum = c.optimum().provenMakespanNs();
            if (optimum == null) {
                row.putNull("optimumMs");
                row.putNull("gapToOptimum");
            } else {
                row.put("optimumMs", Units.nsToMs(optimum));
                row.put("gapToOptimum", gap(m.makespanNs(), optimum));
            }
            row.put("bubbleRate", m.bubbleRate());
            ObjectNode utilization = row.putObject("utilization");
            for (ProcessorUsage u : m.processors()) utilization.put(u.processor(), u.utilization());
            row.put("decisions", run.trace().decisions());
            m.energyJ().ifPresent(j -> row.put("energyJ", j));
            m.energyJPerPromptToken().ifPresent(j -> row.put("energyJPerPromptToken", j));
            if (m.setupNs() > 0) {
                row.put("setupMs", Units.nsToMs(m.setupNs()));
                row.put("prefillMs", Units.nsToMs(m.prefillNs()));
            }
        }
        try {
            return MAPPER.writeValueAsString(rows) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the comparison", e);
        }
    }

    /** RFC 4180 CSV ({@link Csv}, CRLF) with a header row; empty cells where there is no optimum. */
    public static String csv(ComparisonResult c) {
        List<String> processors = processorNames(c);
        List<String> header = new ArrayList<>(List.of("policy", "makespanMs", "tokensPerSecond", "speedup", "lowerBoundMs",
                "lowerBoundBasis", "gapToLowerBound", "optimumMs", "gapToOptimum", "bubbleRate"));
        for (String p : processors) header.add("utilization_" + p);
        header.add("decisions");
        boolean energy = c.runs().stream().anyMatch(r -> r.metrics().energyJ().isPresent());
        if (energy) header.addAll(List.of("energyJ", "energyJPerPromptToken"));
        boolean setup = c.runs().stream().anyMatch(r -> r.metrics().setupNs() > 0);
        if (setup) header.addAll(List.of("setupMs", "prefillMs"));
        List<List<String>> rows = new ArrayList<>();
        for (SimulationResult run : c.runs()) {
            Metrics m = run.metrics();
            Long optimum = c.optimum().provenMakespanNs();
            List<String> cells = new ArrayList<>(List.of(m.policy(), num(Units.nsToMs(m.makespanNs())),
                    num(m.tokensPerSecond()), num(c.speedup(run)), num(Units.nsToMs(m.lowerBoundNs())), c.bound().basis(),
                    num(gap(m.makespanNs(), m.lowerBoundNs())), optimum == null ? "" : num(Units.nsToMs(optimum)),
                    optimum == null ? "" : num(gap(m.makespanNs(), optimum)), num(m.bubbleRate())));
            for (ProcessorUsage u : m.processors()) cells.add(num(u.utilization()));
            cells.add(Long.toString(run.trace().decisions()));
            if (energy) {
                cells.add(m.energyJ().isPresent() ? num(m.energyJ().getAsDouble()) : "");
                cells.add(m.energyJPerPromptToken().isPresent() ? num(m.energyJPerPromptToken().getAsDouble()) : "");
            }
            if (setup) {
                cells.add(num(Units.nsToMs(m.setupNs())));
                cells.add(num(Units.nsToMs(m.prefillNs())));
            }
            rows.add(cells);
        }
        return Csv.write(header, rows, Csv.LineEnd.CRLF);
    }

    /** The human-readable table, with a header naming the workload and the optimum's status. */
    public static String text(ComparisonResult c) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s on %s, plan %s, %d tasks%n", c.workload().model(),
                c.workload().device(), c.workload().plan(), c.workload().costs().graph().size()));
        Long optimum = c.optimum().provenMakespanNs();
        out.append(String.format(Locale.ROOT, "lower bound %.3f ms (%s); optimum %s%n%n", Units.nsToMs(c.bound().bestNs()),
                c.bound().basis(), c.optimumText()));
        List<String> processors = processorNames(c);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %12s %10s %8s %8s %8s %8s",
                "policy", "makespan ms", "tokens/s", "speedup", "vs LB", "vs opt", "bubble"));
        for (String p : processors) header.append(String.format(Locale.ROOT, " %7s", p));
        header.append(String.format(Locale.ROOT, " %12s", "ns/decision"));
        out.append(header).append(System.lineSeparator());
        for (SimulationResult run : c.runs()) {
            Metrics m = run.metrics();
            out.append(String.format(Locale.ROOT, "%-14s %12.3f %10.1f %7.2fx %7.1f%% %8s %7.1f%%", m.policy(),
                    Units.nsToMs(m.makespanNs()), m.tokensPerSecond(), c.speedup(run),
                    100 * gap(m.makespanNs(), m.lowerBoundNs()),
                    optimum == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * gap(m.makespanNs(), optimum)),
                    100 * m.bubbleRate()));
            for (ProcessorUsage u : m.processors()) out.append(String.format(Locale.ROOT, " %6.1f%%", 100 * u.utilization()));
            out.append(String.format(Locale.ROOT, " %12.0f%n", run.trace().policyNsPerDecision()));
        }
        return out.toString();
    }

    /** How far above {@code referenceNs} the makespan is: makespan / reference − 1. */
    private static double gap(long makespanNs, long referenceNs) {
        return referenceNs == 0 ? 0 : (double) makespanNs / referenceNs - 1;
    }

    private static List<String> processorNames(ComparisonResult c) {
        return c.workload().costs().platform().processors().stream().map(p -> p.name()).toList();
    }

    private static String num(double value) {
        return Double.toString(value);
    }
}
