package org.hetsched.cli;

import org.hetsched.scheduler.PolicyOptions;
import picocli.CommandLine.Option;

/**
 * {@code --seed}: one declaration for every command that draws random numbers, with the library's
 * default ({@link PolicyOptions#DEFAULT_SEED}), so that a sweep without seeds and a command without
 * {@code --seed} mean the same run.
 */
final class SeedOption {

    @Option(names = "--seed", defaultValue = "" + PolicyOptions.DEFAULT_SEED, paramLabel = "S",
            description = "Seed of everything random: the random policy, and the tensors of the backends and of exported "
                    + "models (default: ${DEFAULT-VALUE}).")
    long value;
}
