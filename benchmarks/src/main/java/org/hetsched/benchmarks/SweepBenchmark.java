package org.hetsched.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hetsched.reports.sweep.Shard;
import org.hetsched.reports.sweep.SweepConfig;
import org.hetsched.reports.sweep.SweepProgress;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.reports.sweep.SweepRunner;
import org.hetsched.scheduler.PolicyOptions;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many simulations per second does a sweep of 1024-token Qwen1.5-1.8B configurations
 * run, with 1 and with 2 worker threads? Target: at least 2000/s with 2 threads, scaling close to
 * linearly.
 *
 * <p>The sweep: 2 devices × 4 plans × 5 chunk sizes (32–512) × 6 online policies × 4 seeds = 960
 * simulations in 40 workload groups (each group's graph is built and priced once, as a sweep
 * does). JMH counts the simulations, so it reports simulations per second directly.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SweepBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@State(Scope.Benchmark)
public class SweepBenchmark {

    private static final SweepConfig SWEEP = new SweepConfig("bench", List.of("qwen1.5-1.8b"),
            List.of("sd8gen3", "sd8gen2"), List.of("llm.npu", "cpu-only", "npu-naive", "gpu-only"), List.of(1024),
            List.of(32, 64, 128, 256, 512), List.of("in-order", "fifo", "ooe", "critical-path", "dmda", "random"),
            List.of(1L, 2L, 3L, 4L), false, PolicyOptions.DEFAULTS, Path.of(""));

    @Param({"1", "2"})
    public int threads;

    /** Simulations run, counted by JMH as operations so it reports simulations per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Simulations {
        public long simulations;
    }

    @Benchmark
    public List<SweepRow> sweep(Simulations counter) {
        List<SweepRow> rows = SweepRunner.run(SWEEP, Shard.ALL, threads, Map.of(), SweepProgress.NONE);
        counter.simulations += rows.size();
        return rows;
    }
}
