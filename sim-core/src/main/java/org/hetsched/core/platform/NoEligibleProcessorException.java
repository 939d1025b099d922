package org.hetsched.core.platform;

import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.Task;

/** A task whose plan places it only on processor kinds (or dtypes) the device does not offer. */
public final class NoEligibleProcessorException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public NoEligibleProcessorException(Task task, Platform platform) {
        super("subgraph '" + task.subgraph().name() + "' (task " + task.label() + ") may run on "
                + task.subgraph().placements().stream().map(p -> p.processorKind() + " in " + p.linearDType() + "/"
                        + p.floatDType()).toList()
                + " but device " + platform.name() + " offers no such processor with a cost for it (processors: "
                + platform.processors().stream().map(p -> p.name() + ":" + p.kind()).toList() + ")");
    }
}
