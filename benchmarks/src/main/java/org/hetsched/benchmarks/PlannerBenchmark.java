package org.hetsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hetsched.core.platform.CostTable;
import org.hetsched.scheduler.plan.CpopPlanner;
import org.hetsched.scheduler.plan.HeftPlanner;
import org.hetsched.scheduler.plan.PeftPlanner;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.hetsched.scheduler.plan.StaticPlanner;
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
 * Question: how long do the static list schedulers take to plan the ~74K-task graph (Mistral-7B,
 * 32768 tokens, chunk 32, llm.npu, sd8gen3)? Target for HEFT: under 2 s.
 *
 * <p>Expect O(tasks · processors · log tasks): insertion-based placement searches a treap of idle
 * gaps, and the K/V rule's 18.9 million implied edges are folded into prefix maxima.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlannerBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class PlannerBenchmark {

    @Param({"mistral-32768-32"})
    public String prefill;

    @Param({"heft", "cpop", "peft"})
    public String planner;

    private CostTable costs;
    private StaticPlanner instance;

    @Setup(Level.Trial)
    public void setUp() {
        costs = PrefillCase.costs(PrefillCase.graph(prefill));
        instance = switch (planner) {
            case "heft" -> new HeftPlanner();
            case "cpop" -> new CpopPlanner();
            case "peft" -> new PeftPlanner();
            default -> throw new IllegalArgumentException("unknown planner " + planner);
        };
    }

    @Benchmark
    public SchedulePlan plan() {
        return instance.plan(costs);
    }
}
