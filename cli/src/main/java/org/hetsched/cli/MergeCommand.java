package org.hetsched.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.reports.sweep.SweepJob;
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

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard folders written by 'hetsched sweep --shard'.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged results folder.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<SweepRow> rows = SweepJob.merge(shards, out, SweepOutputs.standard());
        spec.commandLine().getOut().println(rows.size() + " points from " + shards.size() + " shards written to " + out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
