package org.hetsched.profiles.format;

import java.util.List;
import org.hetsched.core.UserInputException;

/**
 * A partition plan file that cannot be used: malformed JSON, a missing, unknown or mistyped field,
 * a bad value, or a structure {@link org.hetsched.core.graph.PartitionPlan} rejects. The message has one line
 * per problem, each naming the file, the JSON path and the problem, e.g.
 * {@code my-plan.json: $.layer[0].role: unknown subgraph role 'FFN' (expected PROLOGUE, ATTENTION, LINEAR, SHADOW, EPILOGUE)}.
 */
public final class PlanFormatException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<FormatProblem> problems;

    /**
     * @param file     the file as the user named it (or a built-in's resource name)
     * @param problems every problem found, at least one
     */
    public PlanFormatException(String file, List<FormatProblem> problems) {
        super(Problems.message(file, problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a format exception needs at least one problem");
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    /** Every problem found, in file order. */
    public List<FormatProblem> problems() {
        return problems;
    }
}
