package org.hetsched.scheduler;

import java.time.Duration;
import org.hetsched.core.UserInputException;

/**
 * Parameters some policies take; the others ignore them.
 *
 * @param seed                   seed of {@code random}
 * @param pipelineLagSubgraphs   how many subgraphs the second chunk of {@code mllm-pipeline} trails the
 *                               first (the public llm.npu code used 1, later 5)
 * @param optimalTimeLimit       budget of the exact solver, in CP-SAT's deterministic time so that
 *                               results do not depend on the machine (wall-clock time may be several
 *                               times longer; see {@link org.hetsched.scheduler.exact.CpSatPlanner})
 * @param optimalMaxTasks        larger instances are not given to the exact solver
 */
public record PolicyOptions(long seed, int pipelineLagSubgraphs, Duration optimalTimeLimit, int optimalMaxTasks) {
    /** The seed of every run that names none: the command line's and a sweep's. */
    public static final long DEFAULT_SEED = 42;

    public static final PolicyOptions DEFAULTS = new PolicyOptions(DEFAULT_SEED, 5, Duration.ofSeconds(1), 400);

    public PolicyOptions {
        if (pipelineLagSubgraphs < 0) {
            throw new UserInputException("pipeline lag must be >= 0 subgraphs, got " + pipelineLagSubgraphs);
        }
        if (optimalTimeLimit.isNegative() || optimalTimeLimit.isZero()) {
            throw new UserInputException("solver time limit must be > 0, got " + optimalTimeLimit);
        }
        if (optimalMaxTasks < 1) throw new UserInputException("the exact solver's task limit must be at least 1, got " + optimalMaxTasks);
    }
}
