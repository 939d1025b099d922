package org.hetsched.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which model runs on which device with which partition plan; shared by every command that simulates a prefill. */
final class TargetOptions {

    @Mixin
    ModelOption model;

    @Option(names = "--device", defaultValue = "sd8gen3", paramLabel = "D",
            description = "Built-in device profile or path to a profile JSON (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin
    PlanOption plan;
}
