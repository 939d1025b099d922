package org.hetsched.reports.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.hetsched.core.Units;
import org.hetsched.reports.sweep.ChunkTuning;

/**
 * A chunk-size tuning as text or JSON. JSON: {@code {recommendedChunk, model, device, plan, policy,
 * prompts: [{promptTokens, probability}], rows: [{chunkTokens, expectedLatencyMs, expectedMsPerToken,
 * makespanMsPerPrompt: [...]}]}}.
 */
public final class ChunkTuningTable {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ChunkTuningTable() {
    }

    public static String json(ChunkTuning.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("recommendedChunk", r.recommendedChunk());
        root.put("model", r.model()).put("device", r.device()).put("plan", r.plan()).put("policy", r.policy());
        ArrayNode prompts = root.putArray("prompts");
        double[] p = r.mix().probabilities();
        for (int i = 0; i < p.length; i++) {
            prompts.addObject().put("promptTokens", r.mix().prompts().get(i)).put("probability", p[i]);
        }
        ArrayNode rows = root.putArray("rows");
        for (ChunkTuning.Candidate c : r.candidates()) {
            ObjectNode row = rows.addObject();
            row.put("chunkTokens", c.chunkTokens());
            row.put("expectedLatencyMs", c.expectedLatencyNs() / Units.NS_PER_MS);
            row.put("expectedMsPerToken", c.expectedNsPerToken() / Units.NS_PER_MS);
            ArrayNode per = row.putArray("makespanMsPerPrompt");
            c.makespanNsPerPrompt().forEach(ns -> per.add(Units.nsToMs(ns)));
        }
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the tuning", e);
        }
    }

    public static String text(ChunkTuning.Result r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s on %s, plan %s, policy %s; prompts %s%n%n",
                r.model(), r.device(), r.plan(), r.policy(), r.mix().weights()));
        out.append(String.format(Locale.ROOT, "%8s %18s %16s%n", "chunk", "expected ms", "ms/token"));
        for (ChunkTuning.Candidate c : r.candidates()) {
            out.append(String.format(Locale.ROOT, "%8d %18.3f %16.4f%s%n", c.chunkTokens(), c.expectedLatencyNs() / Units.NS_PER_MS,
                    c.expectedNsPerToken() / Units.NS_PER_MS, c.chunkTokens() == r.recommendedChunk() ? "   <- recommended" : ""));
        }
        out.append(String.format(Locale.ROOT, "%nrecommended chunk: %d tokens%n", r.recommendedChunk()));
        return out.toString();
    }
}
