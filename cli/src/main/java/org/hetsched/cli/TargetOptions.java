package org.hetsched.cli;

import picocli.CommandLine.Option;

/** Which model runs on which device with which partition plan; shared by every command that simulates a prefill. */
final class TargetOptions {

    @Option(names = "--model", defaultValue = "qwen1.5-1.8b", paramLabel = "M",
            description = "Catalog model name or path to a Hugging Face config.json (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--device", defaultValue = "sd8gen3", paramLabel = "D",
            description = "Built-in device profile or path to a profile JSON (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--plan", defaultValue = "llm.npu", paramLabel = "P",
            description = "Built-in partition plan or path to a plan JSON (default: ${DEFAULT-VALUE}).")
    String plan;
}
