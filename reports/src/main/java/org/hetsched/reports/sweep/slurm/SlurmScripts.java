package org.hetsched.reports.sweep.slurm;

import java.nio.file.Path;

/**
 * The text of a job folder's three scripts. Every path in them is absolute and every value is fixed
 * when the folder is written (the shard count above all: a task takes its index from
 * {@code SLURM_ARRAY_TASK_ID} and never the count from {@code SLURM_ARRAY_TASK_COUNT}, which is the
 * size of the latest submission, not of the sweep). Nothing is fetched at job time: the tasks run
 * the folder's copy of the jar that wrote it, with the java that ran it unless {@code HETSCHED_JAVA}
 * names another (Java 17 or newer). Stateless.
 */
final class SlurmScripts {
    static final String ARRAY = "sweep.sbatch";
    static final String MERGE = "merge.sbatch";
    static final String SUBMIT = "submit";
    static final String LOGS = "logs";
    static final String SHARDS = "shards";
    static final String RESULTS = "results";

    private SlurmScripts() {
    }

    /** The job array: task i runs shard i into shards/i, logging to logs/shard-i.JOBID.log. */
    static String array(Path dir, SlurmJobSpec job) {
        return "#!/bin/bash\n"
                + "# hetsched sweep '" + name(job) + "' as a Slurm job array: task i runs shard i of " + job.shards()
                + " into " + SHARDS + "/i.\n"
                + "# Submit it with ./" + SUBMIT + " (which also submits the merge), or alone with sbatch " + ARRAY + ".\n"
                + "# The nodes need Java 17 or newer: set HETSCHED_JAVA to its java if it is not at the path below.\n"
                + "#SBATCH --job-name=" + job.jobName() + "\n"
                + "#SBATCH --array=" + arraySpec("0-" + (job.shards() - 1), job.maxParallel()) + "\n"
                + "#SBATCH --output=" + dir.resolve(LOGS) + "/shard-%a.%A.log\n"
                + "set -euo pipefail\n"
                + "# fixed when the job was written; SLURM_ARRAY_TASK_COUNT is the size of the latest submission\n"
                + "shards=" + job.shards() + "\n"
                + "task=\"${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task: submit it with " + dir.resolve(SUBMIT)
                + "}\"\n"
                + "if [ \"$task\" -ge \"$shards\" ]; then\n"
                + "  echo \"hetsched: array task $task, but the sweep has $shards shards (0 to $((shards - 1)))\" >&2\n"
                + "  exit 2\n"
                + "fi\n"
                + javaLine(job)
                + "echo \"hetsched: shard $task/$shards on $(hostname), array job ${SLURM_ARRAY_JOB_ID:-?}\"\n"
                + "exec \"$java\" ${HETSCHED_JAVA_OPTS:-} -jar \"$jar\" sweep "
                + Shell.quote(job.config().toString()) + " --shard \"$task/$shards\" --out " + Shell.quote(dir.resolve(SHARDS) + "/")
                + "\"$task\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --results-only\n";
    }

    /** The merge job: checks every shard and merges them into results/, or fails naming the shards that are not done. */
    static String merge(Path dir, SlurmJobSpec job) {
        return "#!/bin/bash\n"
                + "# Merges the " + job.shards() + " shards of hetsched sweep '" + name(job) + "' into " + RESULTS + "/.\n"
                + "# ./" + SUBMIT + " runs it once every array task has succeeded; it refuses, naming them, if any shard has no valid results.\n"
                + "#SBATCH --job-name=" + job.jobName() + "-merge\n"
                + "#SBATCH --output=" + dir.resolve(LOGS) + "/merge.%j.log\n"
                + "set -euo pipefail\n"
                + javaLine(job)
                + "exec \"$java\" ${HETSCHED_JAVA_OPTS:-} -jar \"$jar\" merge --slurm "
                + Shell.quote(dir.toString()) + "\n";
    }

    /** Submits the array (all shards, or those given) and the merge job after it. */
    static String submit(Path dir, SlurmJobSpec job) {
        String all = "0-" + (job.shards() - 1);
        String limit = job.maxParallel() > 0 ? "%" + job.maxParallel() : "";
        return "#!/usr/bin/env bash\n"
                + "# Submits hetsched sweep '" + name(job) + "': the job array (every shard, or the ones given) and the\n"
                + "# merge job, which runs once every task of that array has succeeded (afterok) and is cancelled\n"
                + "# by Slurm if one fails (then: hetsched sweep CONFIG --slurm " + dir + " --resume).\n"
                + "# usage: ./" + SUBMIT + " [SHARDS | --merge-only]   SHARDS: a Slurm array list, e.g. 1,3 (default " + all + ")\n"
                + "set -euo pipefail\n"
                + "job=" + Shell.quote(dir.toString()) + "\n"
                + "extra=(" + job.sbatch().shellWords() + ")\n"
                + "shards=\"${1:-" + all + "}\"\n"
                + "mkdir -p \"$job/" + LOGS + "\" \"$job/" + SHARDS + "\"\n"
                + "dependency=()\n"
                + "if [ \"$shards\" != --merge-only ]; then\n"
                + "  array=$(sbatch --parsable --array=\"$shards" + limit + "\" ${extra[@]+\"${extra[@]}\"} \"$job/" + ARRAY + "\")\n"
                + "  array=\"${array%%;*}\"\n"
                + "  echo \"array job $array: shards $shards (of 0-" + (job.shards() - 1) + ")"
                + (job.maxParallel() > 0 ? ", at most " + job.maxParallel() + " at a time" : "") + "\"\n"
                + "  dependency=(--dependency=\"afterok:$array\" --kill-on-invalid-dep=yes)\n"
                + "fi\n"
                + "merge=$(sbatch --parsable ${dependency[@]+\"${dependency[@]}\"} ${extra[@]+\"${extra[@]}\"} \"$job/" + MERGE + "\")\n"
                + "merge=\"${merge%%;*}\"\n"
                + "if [ -n \"${array:-}\" ]; then\n"
                + "  echo \"merge job $merge: runs after every task of job $array succeeds, into $job/" + RESULTS + "\"\n"
                + "else\n"
                + "  echo \"merge job $merge: into $job/" + RESULTS + "\"\n"
                + "fi\n";
    }

    /** The sweep's name for a comment line: a line break in it would start a line of code. */
    private static String name(SlurmJobSpec job) {
        return job.sweep().replaceAll("\\p{Cntrl}", " ");
    }

    /** Sets $java and $jar, and stops the task if the jar is not the one the job was written with. */
    private static String javaLine(SlurmJobSpec job) {
        return "java=" + Shell.quote(job.java()) + "\n"
                + "if [ -n \"${HETSCHED_JAVA:-}\" ]; then java=\"$HETSCHED_JAVA\"; fi\n"
                + "jar=" + Shell.quote(job.jar().toString()) + "\n"
                + "# another build would not compute what the other shards did\n"
                + "if [ \"$(sha256sum \"$jar\" | cut -d ' ' -f 1)\" != " + Shell.quote(job.jarSha256()) + " ]; then\n"
                + "  echo \"hetsched: $jar is missing or was replaced since this job was written; write a new job\" >&2\n"
                + "  exit 2\n"
                + "fi\n";
    }

    private static String arraySpec(String indices, int maxParallel) {
        return maxParallel > 0 ? indices + "%" + maxParallel : indices;
    }
}
