package org.hetsched.profiles.format;

import java.util.List;

/**
 * A partition plan file that cannot be used: malformed JSON, a missing, unknown or mistyped field,
 * a bad value, or a structure {@link org.hetsched.core.graph.PartitionPlan} rejects. The message names the file
 * and then every problem with its JSON path, on one line, e.g.
 * {@code my-plan.json: $.layer[0].role: unknown subgraph role 'FFN' (expected PROLOGUE, ATTENTION, LINEAR, SHADOW, EPILOGUE)}.
 */
public final class PlanFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file     the file as the user named it (or a built-in's resource name)
     * @param problems every problem found, at least one
     */
    public PlanFormatException(String file, List<FormatProblem> problems) {
        super(file, problems);
    }
}
