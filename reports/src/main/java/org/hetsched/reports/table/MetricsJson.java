package org.hetsched.reports.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import org.hetsched.core.Units;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.reports.sweep.SimulationResult;

/**
 * The summary of one run as a JSON object. Keys (times in ms, rates as fractions in [0, 1]):
 * {@code makespanMs, tokensPerSecond, promptTokens, paddedTokens, tasks, bubbleRate,
 * utilization{processor: fraction}, lowerBoundMs}, {@code energyJ, energyJPerPromptToken} only
 * when the run accounted energy (see {@link Metrics#energyJ()}), {@code setupMs, prefillMs} (the
 * serial setup and setup + makespan, {@link Metrics#setupNs()}) only when the run has a setup, then the run's configuration and details
 * (model, device, plan, policy, chunk, bounds, one-time graph preparation, analytic fallbacks).
 * No wall-clock times: the policy's own time is in {@link TimingJson}, so reruns give the same bytes.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    public static ObjectNode toJson(SimulationResult result) {
        Metrics m = result.metrics();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("makespanMs", Units.nsToMs(m.makespanNs()));
        root.put("tokensPerSecond", m.tokensPerSecond());
        root.put("promptTokens", m.promptTokens());
        root.put("paddedTokens", m.paddedTokens());
        root.put("tasks", m.tasks());
        root.put("bubbleRate", m.bubbleRate());
        ObjectNode utilization = root.putObject("utilization");
        for (ProcessorUsage u : m.processors()) utilization.put(u.processor(), u.utilization());
        root.put("lowerBoundMs", Units.nsToMs(m.lowerBoundNs()));
        m.energyJ().ifPresent(j -> root.put("energyJ", j));
        m.energyJPerPromptToken().ifPresent(j -> root.put("energyJPerPromptToken", j));
        if (m.setupNs() > 0) {
            root.put("setupMs", Units.nsToMs(m.setupNs()));
            root.put("prefillMs", Units.nsToMs(m.prefillNs()));
        }

        root.put("model", result.workload().model());
        root.put("device", result.workload().device());
        root.put("plan", result.workload().plan());
        root.put("policy", m.policy());
        root.put("chunkTokens", result.trace().graph().chunkTokens());
        root.put("chunks", result.trace().graph().chunks());
        ArrayNode shadow = root.putArray("shadowLayers");
        result.workload().shadowLayers().forEach(shadow::add);
        root.put("criticalProcessor", m.criticalProcessor());
        ObjectNode bounds = root.putObject("lowerBounds");
        bounds.put("criticalPathMs", Units.nsToMs(result.bound().criticalPathNs()));
        bounds.put("forcedLoadMs", Units.nsToMs(result.bound().forcedLoadNs()));
        if (result.bound().solverNs() > 0) bounds.put("exactSolverMs", Units.nsToMs(result.bound().solverNs()));
        bounds.put("tightest", result.bound().basis());
        root.put("graphPreparationMs", Units.nsToMs(m.graphPreparationNs()));
        root.put("graphPreparationIncluded", result.workload().request().includeGraphPreparation());
        root.put("costModel", result.workload().costModel());
        ArrayNode busy = root.putArray("processors");
        for (ProcessorUsage u : m.processors()) {
            busy.addObject().put("name", u.processor()).put("tasks", u.tasks()).put("busyMs", Units.nsToMs(u.busyNs()))
                    .put("utilization", u.utilization());
        }
        ArrayNode analytic = root.putArray("analyticFallback");
        m.analyticOps().forEach(analytic::add);
        return root;
    }

    public static void write(SimulationResult result, OutputStream out) throws IOException {
        MAPPER.writeValue(out, toJson(result));
    }

    public static String toText(SimulationResult result) {
        try {
            return MAPPER.writeValueAsString(toJson(result));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise metrics", e);
        }
    }
}
