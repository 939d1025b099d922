package org.hetsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hetsched.core.engine.Engine;
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
 * Question: how many tasks per second does the engine simulate on one core, with the graph built
 * and priced beforehand (as in a sweep that varies only the policy)?
 *
 * <p>Expect the time to grow linearly with tasks; "fifo" is the baseline (same graph, the most
 * trivial policy). Tasks/s = tasks / (ms/op) · 1000, with 220 tasks for qwen-1024-256 and 73 728
 * for mistral-32768-32. The fork's heap is capped at 512 MB, the memory budget: the large
 * case running at all shows it fits.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineBenchmark}
 *
 * <p>Last result: see benchmarks/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
@State(Scope.Benchmark)
public class EngineBenchmark {

    @Param({"qwen-1024-256", "mistral-32768-32"})
    public String prefill;

    @Param({"in-order", "fifo"})
    public String policy;

    private CostTable costs;

    @Setup(Level.Trial)
    public void setUp() {
        costs = PrefillCase.costs(PrefillCase.graph(prefill));
    }

    @Benchmark
    public long simulate() {
        return new Engine(costs).run(PolicyCatalog.create(policy)).makespanNs();
    }
}
