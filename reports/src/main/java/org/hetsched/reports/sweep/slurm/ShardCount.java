package org.hetsched.reports.sweep.slurm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hetsched.reports.sweep.SweepConfig;
import org.hetsched.reports.sweep.SweepPoint;
import org.hetsched.reports.sweep.SweepProgress;
import org.hetsched.reports.sweep.SweepRunner;

/**
 * How many array tasks a sweep gets by default: enough that each runs for about
 * {@link #TARGET_TASK_SECONDS} on one core. Each task pays a queue wait and a JVM start (about a
 * second) before its first point, so tasks of milliseconds would be all overhead, while tasks of
 * hours lose hours to one failure and are hard for the scheduler to fit in.
 *
 * <p>The sweep's cost is measured, not guessed: workload groups, in a fixed random order, are
 * simulated on one thread on this machine until {@link #SAMPLE_SECONDS} have passed, and the
 * time per point is extrapolated to the whole sweep. The sample includes the JIT's warm-up, so the
 * estimate errs long (more, shorter tasks). A shard takes whole groups, so there are never more
 * tasks than groups, and never more than {@link #MAX_SHARDS} (Slurm's default MaxArraySize is 1001).
 */
public final class ShardCount {
    public static final double TARGET_TASK_SECONDS = 300;
    public static final double SAMPLE_SECONDS = 3;
    public static final int MAX_SHARDS = 1000;

    private ShardCount() {
    }

    /**
     * @param shards        the default number of tasks
     * @param coreSeconds   the whole sweep's estimated time on one core
     * @param sampledPoints points simulated for the estimate
     * @param points        points in the sweep
     * @param sampleSeconds how long the sample took
     */
    public record Estimate(int shards, double coreSeconds, int sampledPoints, int points, double sampleSeconds) {
        public String explain() {
            String cost = sampledPoints == points
                    ? String.format("the whole sweep ran in %.1f s on one core here", coreSeconds)
                    : String.format("%d of its %d points ran in %.1f s on one core here, so the sweep needs about %s of one core",
                    sampledPoints, points, sampleSeconds, duration(coreSeconds));
            return String.format("%d shard%s: %s; one shard per %s of work (--shards to choose)", shards, shards == 1 ? "" : "s", cost,
                    duration(TARGET_TASK_SECONDS));
        }

        private static String duration(double seconds) {
            if (seconds < 120) return String.format("%.0f s", seconds);
            if (seconds < 7200) return String.format("%.0f min", seconds / 60);
            return String.format("%.1f h", seconds / 3600);
        }
    }

    /** The default for {@code config}, measured on this machine (takes about {@link #SAMPLE_SECONDS}). */
    public static Estimate estimate(SweepConfig config) {
        List<SweepPoint> all = config.points();
        int points = all.size();
        if (points == 0) return new Estimate(1, 0, 0, 0, 0);
        List<List<SweepPoint>> groups = new ArrayList<>(SweepRunner.groups(all));
        Collections.shuffle(groups, new Random(1));
        long start = System.nanoTime();
        int sampled = 0;
        for (List<SweepPoint> group : groups) {
            sampled += SweepRunner.run(config, group, 1, Map.of(), SweepProgress.NONE).size();
            if ((System.nanoTime() - start) / 1e9 >= SAMPLE_SECONDS) break;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double coreSeconds = seconds / sampled * points;
        return new Estimate(forCost(coreSeconds, groups.size()), coreSeconds, sampled, points, seconds);
    }

    /** Tasks for a sweep of {@code coreSeconds} of work in {@code groups} groups: one per target's worth, within bounds. */
    public static int forCost(double coreSeconds, int groups) {
        int wanted = (int) Math.min(MAX_SHARDS, Math.ceil(coreSeconds / TARGET_TASK_SECONDS));
        return Math.max(1, Math.min(wanted, Math.min(groups, MAX_SHARDS)));
    }

    /** Workload groups in {@code config} (the unit a shard takes). */
    public static int groups(SweepConfig config) {
        List<SweepPoint> points = config.points();
        return points.isEmpty() ? 0 : points.get(points.size() - 1).group() + 1;
    }
}
