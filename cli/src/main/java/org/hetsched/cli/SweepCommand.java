package org.hetsched.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.output.SweepOutputs;
import org.hetsched.reports.sweep.SweepRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hetsched sweep}: every point of a sweep configuration, in parallel, into a results folder. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep declared in a YAML file (models x devices x plans x prompts x chunks x policies x "
                + "seeds) and write results.csv, sweep.json, charts and an HTML report.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The sweep configuration (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: sweep-<name of the file>).")
    Path out;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "i/n",
            description = "Run only shard i of n (0-based), e.g. as a batch job array; merge the folders with "
                    + "'hetsched merge' (default: ${DEFAULT-VALUE}, the whole sweep).")
    String shard;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Shard slice = Shard.parse(shard);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path folder = out != null ? out : Path.of("sweep-" + config.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        OutputFiles.checkWritable(folder, true);
        List<SweepRow> rows = SweepJob.run(config, folder, slice, workers, ProgressBar.forTerminal(spec.commandLine().getErr()),
                SweepOutputs.standard());
        spec.commandLine().getOut().println(rows.size() + " points (shard " + slice + ") written to " + folder);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
