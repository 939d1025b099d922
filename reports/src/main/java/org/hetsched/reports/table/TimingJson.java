package org.hetsched.reports.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.hetsched.core.Units;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;

/**
 * The wall-clock time the policies themselves took, as {@code timing.json}: the one output that
 * differs between reruns, kept apart so that {@code metrics.json}, {@code comparison.*} and
 * {@code report.html} compare byte for byte. One object per run: {@code policy, decisions,
 * decisionNs, policyTimeMs} (the two times absent when the run was not timed).
 */
public final class TimingJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TimingJson() {
    }

    /** The timing of one run, as an array of one object. */
    public static String json(SimulationResult run) {
        ArrayNode rows = MAPPER.createArrayNode();
        row(rows, run);
        return text(rows);
    }

    /** The timing of every policy of a comparison, in its order. */
    public static String json(ComparisonResult c) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (SimulationResult run : c.runs()) row(rows, run);
        return text(rows);
    }

    private static void row(ArrayNode rows, SimulationResult run) {
        ObjectNode row = rows.addObject();
        row.put("policy", run.metrics().policy());
        row.put("decisions", run.trace().decisions());
        if (run.trace().policyTimeNs() >= 0) {
            row.put("decisionNs", run.trace().policyNsPerDecision());
            row.put("policyTimeMs", Units.nsToMs(run.trace().policyTimeNs()));
        }
    }

    private static String text(ArrayNode rows) {
        try {
            return MAPPER.writeValueAsString(rows) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the timing", e);
        }
    }
}
