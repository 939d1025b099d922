package org.hetsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the engine's overflow-checked time arithmetic ({@code Math.addExact}) cost
 * against plain {@code +}, relative to a whole engine run? Target: under 2% of a run.
 *
 * <p>{@code checked} and {@code unchecked} run the same kernel over a real priced graph: every
 * task in id order (a topological order) on its first eligible processor, then for every explicit
 * successor and every processor it may run on, {@code end + sync + transfer} raised into a
 * ready-time array, exactly the additions the engine makes per event; they differ only in how
 * they add. {@code engine} is a whole checked engine run ("in-order") on the same table, the
 * baseline the difference is read against: overhead ≈ (checked − unchecked) / engine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TimeArithmeticBenchmark}
 *
 * <p>Last result (2026-12-02, 2-core shared sandbox, {@code uptime} load average 5.3 at the start and
 * 4.6 at the end, 5 × 1 s after 3 × 1 s warm-up, 1 fork), µs per run of mistral-32768-32: checked
 * 1 098 ± 102, unchecked 1 107 ± 181, engine 18 235 ± 9 419. The difference (−10 µs) is inside the
 * noise; even the intervals' extremes (273 µs) are 1.5% of an engine run. Details in
 * benchmarks/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
@State(Scope.Benchmark)
public class TimeArithmeticBenchmark {

    @Param({"mistral-32768-32"})
    public String prefill;

    private CostTable costs;
    private long[] readyAt;

    @Setup(Level.Trial)
    public void setUp() {
        costs = PrefillCase.costs(PrefillCase.graph(prefill));
        readyAt = new long[costs.graph().size() * costs.platform().size()];
    }

    @Benchmark
    public long engine() {
        return new Engine(costs).run(PolicyCatalog.create("in-order")).makespanNs();
    }

    @Benchmark
    public long checked() {
        TaskGraph graph = costs.graph();
        int procs = costs.platform().size();
        java.util.Arrays.fill(readyAt, 0);
        long last = 0;
        for (int t = 0, n = graph.size(); t < n; t++) {
            int p = Integer.numberOfTrailingZeros(costs.eligibleMask(t));
            long end = Math.addExact(readyAt[t * procs + p], costs.durationNs(t, p));
            if (end > last) last = end;
            for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                int s = graph.explicitSuccessor(t, k);
                long transfer = costs.transferNs(graph.explicitSuccessorEdge(t, k));
                for (int mask = costs.eligibleMask(s); mask != 0; mask &= mask - 1) {
                    int q = Integer.numberOfTrailingZeros(mask);
                    long at = q == p ? end : Math.addExact(Math.addExact(end, costs.syncNs(p, q)), transfer);
                    if (at > readyAt[s * procs + q]) readyAt[s * procs + q] = at;
                }
            }
        }
        return last;
    }

    @Benchmark
    public long unchecked() {
        TaskGraph graph = costs.graph();
        int procs = costs.platform().size();
        java.util.Arrays.fill(readyAt, 0);
        long last = 0;
        for (int t = 0, n = graph.size(); t < n; t++) {
            int p = Integer.numberOfTrailingZeros(costs.eligibleMask(t));
            long end = readyAt[t * procs + p] + costs.durationNs(t, p);
            if (end > last) last = end;
            for (int k = 0, m = graph.explicitSuccessorCount(t); k < m; k++) {
                int s = graph.explicitSuccessor(t, k);
                long transfer = costs.transferNs(graph.explicitSuccessorEdge(t, k));
                for (int mask = costs.eligibleMask(s); mask != 0; mask &= mask - 1) {
                    int q = Integer.numberOfTrailingZeros(mask);
                    long at = q == p ? end : end + costs.syncNs(p, q) + transfer;
                    if (at > readyAt[s * procs + q]) readyAt[s * procs + q] = at;
                }
            }
        }
        return last;
    }
}
