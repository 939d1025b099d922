package org.hetsched.artefacts.qnn;

import org.hetsched.core.trace.ProfilingEvent;

/**
 * One node's row of a QNN execution ({@code NODE} sub-event), e.g. {@code op4.ffn_gate.matmul:OpId_36 (cycles)}.
 *
 * @param node       the node name: the identifier up to {@code ":OpId_"} (or up to {@code " ("}), e.g.
 *                   {@code op4.ffn_gate.matmul}; QNN's own nodes read "Input OpId_2" → "Input OpId_2"
 * @param identifier the raw "Event Identifier" column
 * @param value      in {@code unit}, ≥ 0 (microseconds are converted to ns)
 * @param unit       {@link ProfilingEvent.Unit#CYCLES} (the HTP) or {@link ProfilingEvent.Unit#TIME_NS}
 */
public record QnnNodeEvent(String node, String identifier, long value, ProfilingEvent.Unit unit) {
    public QnnNodeEvent {
        if (node == null || identifier == null || unit == null) throw new IllegalArgumentException("node, identifier and unit are required");
        if (value < 0) throw new IllegalArgumentException("node " + identifier + " has a negative value " + value);
    }

    /** The node name in an "Event Identifier": before ":OpId_", else before a trailing " (unit)". */
    static String nodeName(String identifier) {
        int op = identifier.indexOf(":OpId_");
        if (op >= 0) return identifier.substring(0, op);
        int paren = identifier.lastIndexOf(" (");
        return paren > 0 ? identifier.substring(0, paren) : identifier;
    }
}
