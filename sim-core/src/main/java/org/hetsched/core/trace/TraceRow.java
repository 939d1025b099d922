package org.hetsched.core.trace;

/** Where and when one task ran. */
public record TraceRow(int task, int processor, long startNs, long endNs) {

    public long durationNs() {
        return endNs - startNs;
    }
}
