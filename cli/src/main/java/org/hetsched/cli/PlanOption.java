package org.hetsched.cli;

import picocli.CommandLine.Option;

/** {@code --plan}: one declaration, one default, for every command that takes a partition plan. */
final class PlanOption {

    @Option(names = "--plan", defaultValue = "llm.npu", paramLabel = "P",
            description = "Built-in partition plan or path to a plan JSON (default: ${DEFAULT-VALUE}).")
    String value;
}
