package org.hetsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.catalog.PolicyCatalog;
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
 * Question: what does one whole simulation cost when nothing is reused: build the graph, price
 * every distinct shape with the sd8gen3 profile, run in-order? This is the cost of a sweep point
 * that changes the prompt or the chunk size.
 *
 * <p>Expect it to exceed {@link EngineBenchmark}'s time by the build and pricing (each O(tasks)).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EndToEndBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
@State(Scope.Benchmark)
public class EndToEndBenchmark {

    @Param({"qwen-1024-256", "mistral-32768-32"})
    public String prefill;

    @Benchmark
    public Trace buildPriceAndSimulate() {
        CostTable costs = PrefillCase.costs(PrefillGraphBuilder.build(PrefillCase.config(prefill)));
        return new Engine(costs).run(PolicyCatalog.create("in-order"));
    }
}
