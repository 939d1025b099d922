package org.hetsched.backend.host;

import org.hetsched.core.UserInputException;

/** A graph's tensors would not fit in the backend's memory budget; thrown before anything is allocated. */
public final class MemoryBudgetExceededException extends UserInputException {
    private final long neededBytes;
    private final long budgetBytes;

    public MemoryBudgetExceededException(String graph, long neededBytes, long budgetBytes, String largest) {
        super("graph " + graph + " needs " + neededBytes + " bytes of tensors but the host backend's memory budget is "
                + budgetBytes + " bytes (largest: " + largest + "); use a smaller model or chunk, or raise the budget"
                + " (and -XX:MaxDirectMemorySize)");
        this.neededBytes = neededBytes;
        this.budgetBytes = budgetBytes;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }
}
