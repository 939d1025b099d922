package org.hetsched.cli;

import picocli.CommandLine.Option;

/** {@code --device}: one declaration, one default, for every command that simulates on a device profile. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "sd8gen3", paramLabel = "D",
            description = "Built-in device profile or path to a profile JSON (default: ${DEFAULT-VALUE}).")
    String value;
}
