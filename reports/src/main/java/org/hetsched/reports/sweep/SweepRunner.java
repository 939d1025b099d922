package org.hetsched.reports.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.core.trace.Trace;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/**
 * Runs a sweep (or one shard of it) on a thread pool. Work is split by workload group: a group's
 * graph is built and priced once, then every policy × seed runs on it. Rows come back in the
 * sweep's canonical order whatever the thread count, and hold only deterministic numbers (no
 * wall-clock times), so reruns, thread counts and merged shards all give identical results.
 * Stateless; each call owns its pool.
 */
public final class SweepRunner {
    private SweepRunner() {
    }

    /**
     * @param reuse   rows already computed, by {@link SweepPoint#key()}; their points are not rerun
     * @param threads worker threads, ≥ 1
     * @return the shard's rows, in canonical order
     * @throws UserInputException if a point fails because of the user's input
     */
    public static List<SweepRow> run(SweepConfig config, Shard shard, int threads, Map<String, SweepRow> reuse,
                                     SweepProgress progress) {
        return run(config, config.points().stream().filter(shard::takes).toList(), threads, reuse, progress);
    }

    /**
     * As {@link #run(SweepConfig, Shard, int, Map, SweepProgress)}, for some of the sweep's points
     * (in canonical order) rather than a shard of them.
     */
    public static List<SweepRow> run(SweepConfig config, List<SweepPoint> points, int threads, Map<String, SweepRow> reuse,
                                     SweepProgress progress) {
        if (threads < 1) throw new UserInputException("--threads must be >= 1, got " + threads);
        List<List<SweepPoint>> groups = groups(points);
        int total = groups.stream().mapToInt(List::size).sum();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hetsched-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<SweepRow>>> futures = new ArrayList<>();
            for (List<SweepPoint> group : groups) {
                futures.add(pool.submit(() -> runGroup(config, group, reuse, () -> progress.update(done.incrementAndGet(), total))));
            }
            List<SweepRow> rows = new ArrayList<>(total);
            for (Future<List<SweepRow>> f : futures) rows.addAll(f.get());
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("sweep point failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code points} (in canonical order) cut into their workload groups, in order. */
    public static List<List<SweepPoint>> groups(List<SweepPoint> points) {
        List<List<SweepPoint>> groups = new ArrayList<>();
        for (SweepPoint p : points) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0).group() != p.group()) groups.add(new ArrayList<>());
            groups.get(groups.size() - 1).add(p);
        }
        return groups;
    }

    private static List<SweepRow> runGroup(SweepConfig config, List<SweepPoint> group, Map<String, SweepRow> reuse,
                                           Runnable pointDone) {
        List<SweepRow> rows = new ArrayList<>(group.size());
        Workload workload = null;
        MakespanLowerBound bound = null;
        for (SweepPoint p : group) {
            SweepRow cached = reuse.get(p.key());
            if (cached != null) {
                rows.add(cached);
                pointDone.run();
                continue;
            }
            if (workload == null) {
                workload = Workload.resolve(new WorkloadRequest(config.resolve(p.model()), config.resolve(p.device()),
                        config.resolve(p.plan()), null, p.promptTokens(), p.chunkTokens(), null,
                        config.includeGraphPreparation(), false));
                bound = MakespanLowerBound.of(workload.costs(), Simulation.pricing(workload));
            }
            PolicyOptions options = new PolicyOptions(p.seed(), config.options().pipelineLagSubgraphs(),
                    config.options().optimalTimeLimit(), config.options().optimalMaxTasks());
            Trace trace = Simulation.trace(workload, PolicyCatalog.create(p.policy(), options), false);
            rows.add(row(p, Metrics.of(trace, bound.bestNs())));
            pointDone.run();
        }
        return rows;
    }

    private static SweepRow row(SweepPoint p, Metrics m) {
        List<String> names = new ArrayList<>();
        List<Double> utilization = new ArrayList<>();
        for (ProcessorUsage u : m.processors()) {
            names.add(u.processor());
            utilization.add(u.utilization());
        }
        return new SweepRow(p.model(), p.device(), p.plan(), p.policy(), p.promptTokens(), p.chunkTokens(), p.seed(),
                m.makespanNs(), m.tokensPerSecond(), m.paddedTokens(), m.tasks(), m.bubbleRate(), m.lowerBoundNs(),
                names, utilization, m.energyJ(), m.energyJPerPromptToken());
    }
}
