package org.hetsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Question: what does each policy cost per scheduling decision on the ~74K-task graph
 * (Mistral-7B, 32768 tokens, chunk 32, llm.npu, sd8gen3)?
 *
 * <p>Each invocation is one whole simulation. The {@code Decisions} counters make JMH report
 * dispatches per µs alongside the time per run, so the time per decision is measured, engine
 * included (an upper bound on the policy's own share); {@code in-order} is the baseline whose
 * per-decision time is almost all engine. A static policy's planning is inside its run.
 * Expect ooe and critical-path within a small factor of in-order.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PolicyBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class PolicyBenchmark {

    @Param({"mistral-32768-32"})
    public String prefill;

    @Param({"in-order", "ooe", "critical-path", "dmda", "heft"})
    public String policy;

    private CostTable costs;

    /** Dispatches made, counted by JMH as operations so it reports decisions per µs. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Decisions {
        public long decisions;
    }

    @Setup(Level.Trial)
    public void setUp() {
        costs = PrefillCase.costs(PrefillCase.graph(prefill));
    }

    @Benchmark
    public Trace simulate(Decisions counter) {
        Trace trace = new Engine(costs, EngineOptions.DEFAULTS).run(PolicyCatalog.create(policy));
        counter.decisions += trace.decisions();
        return trace;
    }
}
