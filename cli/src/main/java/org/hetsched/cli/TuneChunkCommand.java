package org.hetsched.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.output.RunOutputs;
import org.hetsched.reports.sweep.ChunkTuning;
import org.hetsched.reports.sweep.PromptMix;
import org.hetsched.reports.table.ChunkTuningTable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched tune-chunk}: the chunk size that minimises expected prefill latency over a prompt mix. */
@Command(name = "tune-chunk", mixinStandardHelpOptions = true,
        description = "Sweep chunk sizes for one model on one device and recommend the one with the smallest expected "
                + "prefill latency over a mix of prompt lengths (padding included).")
final class TuneChunkCommand implements Callable<Integer> {

    @Mixin
    TargetOptions target;

    @Option(names = "--policy", defaultValue = "in-order", paramLabel = "X",
            description = "Scheduling policy (default: ${DEFAULT-VALUE}).")
    String policy;

    /** Exactly one way to give the prompt lengths. */
    static final class Prompts {
        @Option(names = "--prompts", split = ",", paramLabel = "N,...",
                description = "Prompt lengths, equally likely (default: 64,256,1024, the paper's evaluation lengths).")
        List<Integer> lengths;

        @Option(names = "--prompt-dist", paramLabel = "FILE",
                description = "A CSV of promptTokens,weight lines giving the mix of prompt lengths.")
        Path distribution;
    }

    @ArgGroup(exclusive = true)
    Prompts prompts;

    @Option(names = "--chunks", split = ",", paramLabel = "C,...",
            description = "Candidate chunk sizes (default: 16,32,64,128,256,512,1024).")
    List<Integer> chunks;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write tuning.json and the chunk-sweep chart (default: write no files).")
    Path out;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) OutputFiles.checkWritable(out, true);
        PromptMix mix = prompts != null && prompts.distribution != null ? PromptMix.read(prompts.distribution)
                : PromptMix.uniform(prompts != null && prompts.lengths != null ? prompts.lengths : List.of(64, 256, 1024));
        ChunkTuning.Result result = ChunkTuning.run(target.model.value, target.device.value, target.plan.value, policy, mix,
                chunks != null ? chunks : ChunkTuning.DEFAULT_CHUNKS,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                ProgressBar.forTerminal(spec.commandLine().getErr()));
        if (out != null) {
            List<Path> written = RunOutputs.tuning(result).writeTo(out);
            spec.commandLine().getErr().println(written.size() + " files written to " + out);
            spec.commandLine().getErr().flush();
        }
        spec.commandLine().getOut().print(format == OutputFormat.json ? ChunkTuningTable.json(result)
                : ChunkTuningTable.text(result));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
