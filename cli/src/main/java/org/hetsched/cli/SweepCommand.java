package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepJob;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.output.SweepOutputs;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.reports.sweep.slurm.SbatchOptions;
import org.hetsched.reports.sweep.slurm.SlurmCommands;
import org.hetsched.reports.sweep.slurm.SlurmJob;
import org.hetsched.reports.sweep.slurm.SlurmQueue;
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

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Run only shard i of n (0-based), e.g. as a batch job array; merge the folders with "
                    + "'hetsched merge' (default: 0/1, the whole sweep).")
    String shard;

    @Option(names = "--slurm", paramLabel = "DIR",
            description = "Write the sweep as a Slurm job into DIR instead of running it: a job array (task i runs shard i), "
                    + "a merge job after it (into DIR/results) and DIR/submit. With --status or --resume: that job.")
    Path slurm;

    @Option(names = "--shards", paramLabel = "N",
            description = "With --slurm: array tasks (default: one per ~5 min of one core, measured on a sample of the sweep).")
    Integer shards;

    @Option(names = "--max-parallel", paramLabel = "K",
            description = "With --slurm: at most K array tasks run at once (default: no limit).")
    Integer maxParallel;

    @Option(names = "--sbatch", paramLabel = "OPTIONS",
            description = "With --slurm: extra sbatch options for the array and the merge, e.g. \"--partition=short --time=00:30:00\".")
    String sbatch;

    @Option(names = "--submit", description = "With --slurm: submit the job with sbatch once written, and print the job ids.")
    boolean submit;

    @Option(names = "--status", description = "With --slurm: say where the job's shards and merge stand.")
    boolean status;

    @Option(names = "--resume", description = "With --slurm: resubmit only the shards without valid results (failed, killed, "
            + "never run, changed), and the merge after them.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--results-only", description = "Write only results.csv and sweep.json (no results.json, charts or report), "
            + "e.g. for shards that are merged later; the merge writes them all.")
    boolean resultsOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (slurm != null) return slurmJob();
        for (String option : new String[] {shards != null ? "--shards" : null, maxParallel != null ? "--max-parallel" : null,
                sbatch != null ? "--sbatch" : null, submit ? "--submit" : null, status ? "--status" : null,
                resume ? "--resume" : null}) {
            if (option != null) throw new UserInputException(option + " needs --slurm DIR (the Slurm job's folder)");
        }
        Shard slice = shard != null ? Shard.parse(shard) : Shard.ALL;
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path folder = out != null ? out : Path.of("sweep-" + config.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        OutputFiles.checkWritable(folder, true);
        List<SweepRow> rows = SweepJob.run(config, folder, slice, workers, ProgressBar.forTerminal(spec.commandLine().getErr()),
                resultsOnly ? SweepJob.Extras.NONE : SweepOutputs.standard());
        spec.commandLine().getOut().println(rows.size() + " points (shard " + slice + ") written to " + folder);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int slurmJob() {
        if (shard != null) throw new UserInputException("--shard and --slurm: the Slurm job runs every shard itself (--shards N)");
        if (out != null) throw new UserInputException("--out and --slurm: the job's merged results go to " + SlurmJob.resultsDir(slurm));
        if (resultsOnly) throw new UserInputException("--results-only and --slurm: the tasks write only results, the merge all the files");
        if (threads != null) throw new UserInputException("--threads and --slurm: each task uses the cores Slurm gives it (--sbatch \"--cpus-per-task=C\")");
        if (status && resume) throw new UserInputException("--status and --resume: choose one (--resume prints the status too)");
        PrintWriter stdout = spec.commandLine().getOut();
        if (status || resume) {
            for (String option : new String[] {shards != null ? "--shards" : null, maxParallel != null ? "--max-parallel" : null,
                    sbatch != null ? "--sbatch" : null, submit ? "--submit" : null}) {
                if (option != null) throw new UserInputException(option + " is fixed when the job is written; with "
                        + (status ? "--status" : "--resume") + " leave it out (or write a new job to another folder)");
            }
            SlurmQueue queue = new SlurmCommands();
            List<String> lines = status ? SlurmJob.status(config, slurm, queue).lines() : SlurmJob.resume(config, slurm, queue);
            lines.forEach(stdout::println);
            stdout.flush();
            return ExitCodes.OK;
        }
        SlurmQueue queue = new SlurmCommands();
        if (submit) queue.checkCanSubmit();
        SlurmJob.Written written = SlurmJob.write(new SlurmJob.Request(config, slurm, Optional.ofNullable(shards),
                maxParallel != null ? maxParallel : 0, SbatchOptions.parse(sbatch), Optional.empty()));
        List<String> lines = new ArrayList<>(written.lines());
        // printed once submitted: a failed submission is one line on stderr, which names the folder
        if (submit) lines.addAll(SlurmJob.submit(written.dir(), queue));
        lines.forEach(stdout::println);
        stdout.flush();
        return ExitCodes.OK;
    }
}
