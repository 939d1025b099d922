package org.hetsched.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hetsched.backend.Backend;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.Replayer;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.GenericGraphBuilder;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.trace.Trace;
import org.hetsched.scheduler.plan.SchedulePlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the replayer itself cost per task, beyond the task's own compute? The
 * backend does nothing ({@code execute} returns at once), so a replay's time is all overhead:
 * waiting for readiness, recording times, waking the other lane.
 *
 * <p>Graphs of {@value #TASKS} tasks: {@code chain-one-lane} (each task waits for the previous one,
 * all on one lane: bookkeeping only), {@code chain-alternating} (each task waits for the previous
 * one, which ran on the other lane: every task is a cross-lane hand-off, the worst case and the
 * pattern of llm.npu's CPU attention ↔ NPU FFN) and {@code independent} (no dependencies, half per
 * lane: no waiting at all). Time is per task, thread start-up of the replay included (amortised
 * over the tasks). {@code spinNs} 0 parks at once, as a monitor wait would.
 *
 * <p>Expect single-digit µs for the hand-off with spinning and pinned lanes, and tens of µs when
 * workers park. Run: {@code java -jar benchmarks/target/benchmarks.jar ReplayBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {
    static final int TASKS = 4_000;

    @Param({"chain-one-lane", "chain-alternating", "independent"})
    public String shape;

    @Param({"true", "false"})
    public boolean pinned;

    @Param({"50000", "0"})
    public long spinNs;

    private TaskGraph graph;
    private SchedulePlan plan;
    private Replayer replayer;

    @Setup(Level.Trial)
    public void setUp() {
        List<Placement> anywhere = List.of(new Placement(ProcessorKind.NPU, DType.INT8, DType.FP16),
                new Placement(ProcessorKind.CPU, DType.FP32, DType.FP32));
        GenericGraphBuilder builder = new GenericGraphBuilder(shape);
        for (int t = 0; t < TASKS; t++) {
            builder.addTask("t" + t, anywhere);
            if (t > 0 && !shape.equals("independent")) builder.addEdge("t" + (t - 1), "t" + t);
        }
        graph = builder.build();
        int[][] order = new int[2][];
        if (shape.equals("chain-one-lane")) {
            order[0] = java.util.stream.IntStream.range(0, TASKS).toArray();
            order[1] = new int[0];
        } else {
            order[0] = java.util.stream.IntStream.range(0, TASKS).filter(t -> t % 2 == 0).toArray();
            order[1] = java.util.stream.IntStream.range(0, TASKS).filter(t -> t % 2 == 1).toArray();
        }
        plan = new SchedulePlan(order);
        NoopBackend backend = new NoopBackend();
        ReplayOptions defaults = ReplayOptions.defaults(2);
        replayer = new Replayer(backend, new ReplayOptions(pinned ? defaults.laneCpus() : new int[0], spinNs));
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Trace replay() {
        return replayer.replay(graph, plan, "bench").trace();
    }

    /** Two lanes that run any task instantly. */
    private static final class NoopBackend implements Backend {
        private static final Platform LANES = new Platform("noop", List.of(
                new Processor(0, "npu", ProcessorKind.NPU, Set.of(DType.INT8, DType.FP16)),
                new Processor(1, "cpu", ProcessorKind.CPU, Set.of(DType.INT8, DType.FP16, DType.FP32))));
        private static final long[] NO_OPS = new long[0];

        @Override
        public String name() {
            return "noop";
        }

        @Override
        public String description() {
            return "runs every task instantly";
        }

        @Override
        public Platform platform() {
            return LANES;
        }

        @Override
        public void prepare(TaskGraph graph) {
        }

        @Override
        public long[] execute(int task, int processor) {
            return NO_OPS;
        }

        @Override
        public void close() {
        }
    }
}
