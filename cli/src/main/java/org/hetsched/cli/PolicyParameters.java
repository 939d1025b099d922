package org.hetsched.cli;

import java.time.Duration;
import org.hetsched.core.UserInputException;
import org.hetsched.scheduler.PolicyOptions;
import picocli.CommandLine.Option;

/** Parameters of the policies that take some; shared by the commands that simulate. */
final class PolicyParameters {

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of the random policy (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pipeline-lag", defaultValue = "5", paramLabel = "K",
            description = "Subgraphs the second chunk of mllm-pipeline trails the first (default: ${DEFAULT-VALUE}).")
    int pipelineLag;

    @Option(names = "--time-limit", defaultValue = "1", paramLabel = "SECONDS",
            description = "Budget of the exact solver in CP-SAT deterministic seconds, which keeps results "
                    + "machine-independent; one is several wall-clock seconds on a small machine (default: ${DEFAULT-VALUE}).")
    double timeLimitSeconds;

    @Option(names = "--optimal-max-tasks", defaultValue = "400", paramLabel = "N",
            description = "Largest graph the exact solver is given (default: ${DEFAULT-VALUE}).")
    int optimalMaxTasks;

    PolicyOptions options() {
        if (!(timeLimitSeconds > 0) || timeLimitSeconds > 86_400) {
            throw new UserInputException("--time-limit must be between 0 and 86400 seconds, got "
                    + timeLimitSeconds);
        }
        return new PolicyOptions(seed, pipelineLag, Duration.ofMillis(Math.round(timeLimitSeconds * 1000)),
                optimalMaxTasks);
    }
}
