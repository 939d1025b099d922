package org.hetsched.cli;

import java.util.concurrent.Callable;
import org.hetsched.reports.ablation.Ablation;
import org.hetsched.reports.ablation.AblationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched ablation}: llm.npu's techniques added one at a time, each step a simulation. */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = "Simulate llm.npu's ablation: a CPU baseline, naive NPU offload, + chunk-sharing graphs, "
                + "+ shadow outliers, + out-of-order execution (definitions in reports/README.md).")
final class AblationCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DeviceOption device;

    @Option(names = "--prompt", defaultValue = "1024", paramLabel = "N",
            description = "Prompt length in tokens (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--chunk", defaultValue = "" + Ablation.DEFAULT_CHUNK_TOKENS, paramLabel = "C",
            description = "Chunk size in tokens of the chunked steps (default: ${DEFAULT-VALUE}).")
    int chunkTokens;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Ablation ablation = Ablation.run(model.value, device.value, promptTokens, chunkTokens);
        spec.commandLine().getOut().print(format == OutputFormat.json ? AblationTable.json(ablation) : AblationTable.text(ablation));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
