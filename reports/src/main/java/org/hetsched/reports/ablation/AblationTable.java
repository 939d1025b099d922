package org.hetsched.reports.ablation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An {@link Ablation} as a JSON array (one object per step, keys in reports/README.md) or as a text
 * table with each step's definition below it. Only deterministic numbers: a rerun prints the same. Stateless.
 */
public final class AblationTable {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AblationTable() {
    }

    /**
     * The JSON array: per step {@code step}, {@code tokensPerSecond}, {@code makespanMs}, {@code plan},
     * {@code policy}, {@code chunkTokens}, {@code graphPreparation}, {@code shadowLayers},
     * {@code definition}, {@code speedupOverPrevious} ({@code null} for the first) and {@code speedupOverCpu}.
     */
    public static String json(Ablation ablation) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (AblationRow r : ablation.rows()) {
            ObjectNode row = rows.addObject();
            row.put("step", r.step().label());
            row.put("tokensPerSecond", r.tokensPerSecond());
            row.put("makespanMs", r.makespanMs());
            row.put("plan", r.result().workload().plan());
            row.put("policy", r.result().metrics().policy());
            row.put("chunkTokens", r.chunkTokens());
            row.put("graphPreparation", r.request().includeGraphPreparation());
            ArrayNode shadow = row.putArray("shadowLayers");
            r.shadowLayers().forEach(shadow::add);
            row.put("definition", r.step().definition());
            if (r.speedupOverPrevious().isPresent()) row.put("speedupOverPrevious", r.speedupOverPrevious().getAsDouble());
            else row.putNull("speedupOverPrevious");
            row.put("speedupOverCpu", r.speedupOverCpu());
        }
        try {
            return MAPPER.writeValueAsString(rows) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the ablation", e);
        }
    }

    /** The readable table: the same columns as {@link #json}, the definitions listed under it. */
    public static String text(Ablation ablation) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ablation of llm.npu's techniques: %s on %s, %d-token prompt%n%n",
                ablation.model(), ablation.device(), ablation.promptTokens()));
        int planWidth = Math.max("plan".length(), ablation.rows().stream().mapToInt(r -> r.result().workload().plan().length()).max().orElse(0));
        int policyWidth = Math.max("policy".length(), ablation.rows().stream().mapToInt(r -> r.result().metrics().policy().length()).max().orElse(0));
        String line = "%-9s %10s %14s %11s %8s  %-" + planWidth + "s  %-" + policyWidth + "s %6s  %-11s  %s%n";
        out.append(String.format(Locale.ROOT, line, "step", "tokens/s", "makespan (ms)", "vs previous", "vs cpu", "plan", "policy",
                "chunk", "graph prep", "shadow layers"));
        for (AblationRow r : ablation.rows()) {
            out.append(String.format(Locale.ROOT, line, r.step().label(), String.format(Locale.ROOT, "%.1f", r.tokensPerSecond()),
                    String.format(Locale.ROOT, "%.3f", r.makespanMs()),
                    r.speedupOverPrevious().isPresent() ? times(r.speedupOverPrevious().getAsDouble()) : "-",
                    times(r.speedupOverCpu()), r.result().workload().plan(), r.result().metrics().policy(), r.chunkTokens(),
                    r.request().includeGraphPreparation() ? "charged" : "not charged", layers(r.shadowLayers())));
        }
        out.append(String.format(Locale.ROOT, "%nsteps:%n"));
        for (AblationRow r : ablation.rows()) {
            out.append(String.format(Locale.ROOT, "  %-9s %s%n", r.step().label(), r.step().definition()));
        }
        return out.toString();
    }

    private static String times(double speedup) {
        return String.format(Locale.ROOT, "%.2fx", speedup);
    }

    private static String layers(List<Integer> layers) {
        return layers.isEmpty() ? "none" : layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
