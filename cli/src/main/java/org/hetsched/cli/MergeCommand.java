package org.hetsched.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.sweep.slurm.SlurmJob;
import org.hetsched.reports.output.SweepOutputs;
import org.hetsched.reports.sweep.SweepRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hetsched merge}: shard folders into the folder the unsharded sweep would have written. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the folders of every shard of one sweep into one results folder.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "Shard folders written by 'hetsched sweep --shard'.")
    List<Path> shards = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "The merged results folder.")
    Path out;

    @Option(names = "--slurm", paramLabel = "JOB",
            description = "Merge the shards of the Slurm job in JOB (written by 'hetsched sweep --slurm') into JOB/results; "
                    + "refuses, naming them and their logs, if any shard has no valid results.")
    Path slurm;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (slurm != null) {
            if (!shards.isEmpty() || out != null) {
                throw new UserInputException("merge --slurm takes the job's own shards into JOB/results; give no DIR and no --out");
            }
            List<SweepRow> rows = SlurmJob.merge(slurm, SweepOutputs.standard());
            spec.commandLine().getOut().println(rows.size() + " points merged into " + SlurmJob.resultsDir(slurm));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        if (shards.isEmpty()) throw new UserInputException("merge needs the shard folders (DIR...) or --slurm JOB");
        if (out == null) throw new UserInputException("merge needs --out DIR, the merged results folder");
        List<SweepRow> rows = SweepJob.merge(shards, out, SweepOutputs.standard());
        spec.commandLine().getOut().println(rows.size() + " points from " + shards.size() + " shards written to " + out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
