package org.hetsched.reports.table;

import java.util.Locale;
import org.hetsched.core.Units;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.reports.sweep.SimulationResult;

/** The human-readable summary of one run, as printed by {@code hetsched simulate}. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String format(SimulationResult r) {
        Metrics m = r.metrics();
        StringBuilder out = new StringBuilder();
        line(out, "model", r.workload().model());
        line(out, "device", r.workload().device());
        line(out, "plan", r.workload().plan() + (r.workload().shadowLayers().isEmpty() ? ""
                : " (shadow layers " + r.workload().shadowLayers() + ")"));
        line(out, "policy", m.policy());
        if (m.promptTokens() > 0) {
            line(out, "prompt", String.format(Locale.ROOT, "%d tokens in %d chunks of %d (%d padded)", m.promptTokens(),
                    r.trace().graph().chunks(), r.trace().graph().chunkTokens(), m.paddedTokens()));
        }
        line(out, "tasks", Integer.toString(m.tasks()));
        line(out, "makespan", String.format(Locale.ROOT, "%.3f ms", Units.nsToMs(m.makespanNs())));
        if (m.setupNs() > 0) {
            line(out, "prefill", String.format(Locale.ROOT, "%.3f ms: setup %.3f ms (serial, outside the task graph) + makespan",
                    Units.nsToMs(m.prefillNs()), Units.nsToMs(m.setupNs())));
        }
        if (m.promptTokens() > 0) line(out, "tokens/s", String.format(Locale.ROOT, "%.1f", m.tokensPerSecond()));
        double gap = m.lowerBoundNs() == 0 ? 0 : (double) m.makespanNs() / m.lowerBoundNs() - 1;
        line(out, "lower bound", String.format(Locale.ROOT, "%.3f ms, %s (makespan is %.1f%% above)",
                Units.nsToMs(m.lowerBoundNs()), r.bound().basis(), 100 * gap));
        line(out, "bubble rate", String.format(Locale.ROOT, "%.1f%% on %s (the busiest processor)", 100 * m.bubbleRate(),
                m.criticalProcessor()));
        StringBuilder util = new StringBuilder();
        for (ProcessorUsage u : m.processors()) {
            if (util.length() > 0) util.append("  ");
            util.append(String.format(Locale.ROOT, "%s %.1f%%", u.processor(), 100 * u.utilization()));
        }
        line(out, "utilization", util.toString());
        if (m.energyJ().isPresent()) {
            line(out, "energy", String.format(Locale.ROOT, "%.6f J while busy%s (no idle power)", m.energyJ().getAsDouble(),
                    m.energyJPerPromptToken().isPresent()
                            ? String.format(Locale.ROOT, ", %.6f J per prompt token", m.energyJPerPromptToken().getAsDouble()) : ""));
        }
        if (m.graphPreparationNs() > 0) line(out, "graph prep", String.format(Locale.ROOT, "%.3f s one-time, %s", Units.nsToSeconds(m.graphPreparationNs()),
                r.workload().request().includeGraphPreparation() ? "included in the makespan"
                        : "not in the makespan (graphs prepared ahead of time)"));
        if (r.trace().policyTimeNs() >= 0) {
            line(out, "policy time", String.format(Locale.ROOT, "%.3f ms in the policy, %.0f ns per decision",
                    Units.nsToMs(r.trace().policyTimeNs()), r.trace().policyNsPerDecision()));
        }
        line(out, "costs", r.workload().costModel());
        if (!m.analyticOps().isEmpty()) {
            line(out, "analytic", "fallback estimates (no measured points) priced " + String.join(", ", m.analyticOps()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", key, value));
    }
}
