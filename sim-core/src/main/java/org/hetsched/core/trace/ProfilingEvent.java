package org.hetsched.core.trace;

import java.util.List;

/**
 * One node of a profiling tree, modelled on QNN's profiling API ({@code QnnProfile_EventData_t}:
 * type, value, unit, identifier; sub-events via {@code QnnProfile_getSubEvents}). A replay yields a
 * root {@link Type#EXECUTE} event (value = makespan), one {@link Type#TASK} child per task in task-id
 * order (value = its duration) and one {@link Type#NODE} child per op (value = the op's duration).
 *
 * @param type     what the event measures
 * @param value    the measurement, in {@code unit}, ≥ 0
 * @param unit     {@link Unit#TIME_NS} or {@link Unit#CYCLES}
 * @param label    the task or op label ("c3/attention@L5", "q_proj"), or the run's description
 * @param children sub-events in order (empty for leaves)
 */
public record ProfilingEvent(Type type, long value, Unit unit, String label, List<ProfilingEvent> children) {

    /** Event types; EXECUTE and NODE are QNN's {@code QNN_PROFILE_EVENTTYPE_EXECUTE} and {@code _NODE}. */
    public enum Type {
        /** One whole replay. */
        EXECUTE,
        /** One task (subgraph of a chunk); QNN has no such level, a task is one QNN graph execution. */
        TASK,
        /** One op of a task. */
        NODE
    }

    /** Units, after QNN's {@code QNN_PROFILE_EVENTUNIT_*}; hetsched keeps time in ns. */
    public enum Unit {
        TIME_NS,
        CYCLES
    }

    public ProfilingEvent {
        if (type == null || unit == null || label == null) throw new IllegalArgumentException("event type, unit and label are required");
        if (value < 0) throw new IllegalArgumentException("event " + label + " has a negative value " + value);
        children = List.copyOf(children);
    }

    /** This event and all below it. */
    public int size() {
        int n = 1;
        for (ProfilingEvent c : children) n += c.size();
        return n;
    }
}
