package org.hetsched.cli;

import picocli.CommandLine.Option;

/** {@code --model}: one declaration, one default, for every command that takes a model. */
final class ModelOption {

    @Option(names = "--model", defaultValue = "qwen1.5-1.8b", paramLabel = "M",
            description = "Catalog model name, or a Hugging Face config.json or its folder; profile and validate also take the "
                    + "synthetic host models (host-tiny: seconds to calibrate) (default: ${DEFAULT-VALUE}).")
    String value;
}
