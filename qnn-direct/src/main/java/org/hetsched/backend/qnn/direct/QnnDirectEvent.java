package org.hetsched.backend.qnn.direct;

/**
 * One QNN profiling event as {@code QnnProfile_getEventData} reports it, flattened: events come in
 * depth-first order, each after its parent.
 *
 * @param type       {@code QnnProfile_EventType_t}, e.g. {@value #EXECUTE} or {@value #NODE}
 * @param unit       {@code QnnProfile_EventUnit_t}, e.g. {@value #UNIT_MICROSEC} or {@value #UNIT_CYCLES}
 * @param value      the measurement in {@code unit}
 * @param identifier the backend's label (for NODE events, the node name), may be empty
 * @param parent     index of the parent event in the same list, or -1 for a top-level event
 */
public record QnnDirectEvent(int type, int unit, long value, String identifier, int parent) {
    public static final int INIT = 100;
    public static final int FINALIZE = 300;
    public static final int EXECUTE = 400;
    public static final int NODE = 404;
    public static final int UNIT_MICROSEC = 1;
    public static final int UNIT_BYTES = 2;
    public static final int UNIT_CYCLES = 3;
    public static final int UNIT_COUNT = 4;
}
