package org.hetsched.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.Units;
import org.hetsched.core.UserInputException;
import org.hetsched.scheduler.PolicyOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Parameters of the policies that take some; shared by the commands that simulate. */
final class PolicyParameters {

    @Mixin
    SeedOption seed;

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

    /** Longest solver budget accepted, seconds: one day. */
    private static final double MAX_TIME_LIMIT_S = 86_400;

    PolicyOptions options() {
        List<String> problems = new ArrayList<>();
        if (!(timeLimitSeconds >= 1e-6) || timeLimitSeconds > MAX_TIME_LIMIT_S) {
            problems.add("--time-limit must be more than 0 (at least 0.000001) and at most " + (long) MAX_TIME_LIMIT_S
                    + " seconds, got " + timeLimitSeconds);
        }
        if (optimalMaxTasks < 1) problems.add("--optimal-max-tasks must be at least 1 task, got " + optimalMaxTasks);
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return new PolicyOptions(seed.value, pipelineLag, Duration.ofNanos(Math.round(Units.secondsToNs(timeLimitSeconds))), optimalMaxTasks);
    }
}
