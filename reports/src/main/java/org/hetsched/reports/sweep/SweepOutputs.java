package org.hetsched.reports.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hetsched.reports.Units;

/** The files every sweep folder gets besides results.csv and sweep.json. */
public final class SweepOutputs {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepOutputs() {
    }

    /** results.json (the rows as objects). */
    public static SweepJob.Extras standard() {
        return (files, rows) -> files.add("results.json", out -> MAPPER.writeValue(out, json(rows)));
    }

    static ArrayNode json(List<SweepRow> rows) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SweepRow r : rows) {
            ObjectNode o = array.addObject();
            o.put("model", r.model()).put("device", r.device()).put("plan", r.plan()).put("policy", r.policy())
                    .put("promptTokens", r.promptTokens()).put("chunkTokens", r.chunkTokens()).put("seed", r.seed())
                    .put("makespanMs", Units.nsToMs(r.makespanNs())).put("tokensPerSecond", r.tokensPerSecond())
                    .put("paddedTokens", r.paddedTokens()).put("tasks", r.tasks()).put("bubbleRate", r.bubbleRate())
                    .put("lowerBoundMs", Units.nsToMs(r.lowerBoundNs()));
            ObjectNode utilization = o.putObject("utilization");
            r.utilizationByProcessor().forEach(utilization::put);
        }
        return array;
    }
}
