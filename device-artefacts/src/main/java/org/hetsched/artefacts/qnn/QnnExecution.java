package org.hetsched.artefacts.qnn;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.trace.ProfilingEvent;

/**
 * One graph execution in a QNN profiling CSV: the rows from the previous execution (or the file
 * start) up to and including its {@code EXECUTE} root "QNN (execute) time".
 *
 * @param line              1-based line of the EXECUTE row
 * @param executeNs         "QNN (execute) time", the runtime's own time for the execution
 * @param acceleratorNs     "Accelerator (execute) time" (µs → ns), or −1 if the backend wrote none
 * @param acceleratorCycles "Accelerator (execute) time (cycles)", or −1 if absent; on the HTP it
 *                          equals the sum of the node cycles
 * @param nodes             the NODE sub-events in file order (QNN's order of execution)
 */
public record QnnExecution(int line, long executeNs, long acceleratorNs, long acceleratorCycles, List<QnnNodeEvent> nodes) {
    public QnnExecution {
        if (executeNs < 0) throw new IllegalArgumentException("execution at line " + line + " has a negative time " + executeNs);
        nodes = List.copyOf(nodes);
    }

    /**
     * This execution as a {@link ProfilingEvent.Type#TASK} event (value = {@link #executeNs}) with
     * one {@link ProfilingEvent.Type#NODE} child per node row, labelled with the node name.
     */
    public ProfilingEvent toEvent(String label) {
        List<ProfilingEvent> children = new ArrayList<>(nodes.size());
        for (QnnNodeEvent n : nodes) children.add(new ProfilingEvent(ProfilingEvent.Type.NODE, n.value(), n.unit(), n.node(), List.of()));
        return new ProfilingEvent(ProfilingEvent.Type.TASK, executeNs, ProfilingEvent.Unit.TIME_NS, label, children);
    }
}
