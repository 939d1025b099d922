package org.hetsched.backend.host;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.calibrate.RobustStats;

/**
 * Micro-benchmarks the op shapes of prefill graphs on the host lanes: one representative task per
 * (subgraph, shape class) of each graph, each of its ops on every lane that may run the task (with
 * the dtype the lane's placement selects), warmed up and repeated, each distinct (lane, shape)
 * once. The ops are the very {@link HostOp}s {@link HostBackend#execute} runs, computed on a
 * {@link PrefillState} of the graph (one layer's weights shared by all layers, stand-in
 * activations and K/V, round INT8 scales: an op's time does not depend on the values), so the
 * profile prices exactly what a replay executes. Ops run one at a time on the calling thread.
 * Stateless.
 */
public final class HostProfiler {
    /** Round trips per sync sample: one hand-off is far below the clock's useful resolution. */
    private static final int HANDOFFS_PER_SAMPLE = 200;

    private HostProfiler() {
    }

    /**
     * @param repetitions       timed runs per op shape, ≥ 1
     * @param warmup            untimed runs before them, ≥ 0
     * @param seed              seeds the tensor contents
     * @param memoryBudgetBytes the most bytes one graph's timing state may take, &gt; 0
     */
    /** Least warm-up time per op shape, see {@link #warmUp}. */
    static final long MIN_WARMUP_NS = 20_000_000L;
    /** Most warm-up runs per op shape once the requested runs are done. */
    static final int MAX_WARMUP_RUNS = 2_000;

    public record Options(int repetitions, int warmup, long seed, long memoryBudgetBytes) {
        /** @throws UserInputException listing every bad value */
        public Options {
            List<String> problems = new ArrayList<>();
            if (repetitions < 1) problems.add("repetitions must be >= 1, got " + repetitions);
            if (warmup < 0) problems.add("warm-up runs must be >= 0, got " + warmup);
            if (memoryBudgetBytes <= 0) problems.add("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        }
    }

    /**
     * As {@link #measure(ModelSpec, List, Options)} with the architecture read from each graph's
     * op shapes (RMSNorm assumed).
     */
    public static List<Measurement> measure(List<TaskGraph> graphs, Options options) {
        List<Measurement> out = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        for (TaskGraph graph : graphs) prepared.add(plan(GraphModels.of(graph), graph, options));
        // each timed run starts with cold caches, as an op does in a replay (see CacheEvictor)
        CacheEvictor evictor = CacheEvictor.forThisMachine();
        for (Prepared p : prepared) measure(p, options, seen, out, evictor);
        return out;
    }

    /**
     * Measures every distinct (lane, op shape) of the representative tasks of {@code graphs} (all
     * built for {@code model}), in graph, task and lane order. Time: (warmup + repetitions) runs
     * per distinct shape, plus generating one layer's weights per graph.
     *
     * @throws MemoryBudgetExceededException if a graph's timing state exceeds the budget (every
     *     graph is checked before anything is allocated)
     * @throws UserInputException if a graph does not fit the model (see {@link HostBackend#prepare})
     */
    public static List<Measurement> measure(ModelSpec model, List<TaskGraph> graphs, Options options) {
        List<Measurement> out = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        for (TaskGraph graph : graphs) prepared.add(plan(model, graph, options));
        // each timed run starts with cold caches, as an op does in a replay (see CacheEvictor)
        CacheEvictor evictor = CacheEvictor.forThisMachine();
        for (Prepared p : prepared) measure(p, options, seen, out, evictor);
        return out;
    }

    /** A graph's dataflow and layout, checked against the budget but not yet allocated. */
    private record Prepared(Dataflow flow, HostOp[][][] ops, PrefillState.Layout layout) {
    }

    private static Prepared plan(ModelSpec model, TaskGraph graph, Options options) {
        Dataflow flow = Dataflow.of(graph, model);
        HostOp[][][] ops = HostOp.forTasks(flow, HostBackend.lanes());
        PrefillState.Layout layout = PrefillState.layout(flow, ops, true, false);
        HostBackend.checkBudget(graph, model, layout, options.memoryBudgetBytes());
        return new Prepared(flow, ops, layout);
    }

    private static void measure(Prepared p, Options options, Set<Key> seen, List<Measurement> out, CacheEvictor evictor) {
        TaskGraph graph = p.flow().graph();
        PrefillState state = new PrefillState(p.flow(), p.layout(), options.seed());
        Map<Linear, FloatBuffer> tmp = new EnumMap<>(Linear.class);
        for (Linear l : Linear.values()) {
            if (l == Linear.LM_HEAD || (l == Linear.GATE && p.flow().model().ffnKind() == FfnKind.PLAIN_GELU)) continue;
            tmp.put(l, Buffers.f32((long) PrefillState.inputs(p.flow().model(), l) * PrefillState.outputs(p.flow().model(), l)));
        }
        state.generateLayer(0, tmp);
        tmp.clear();
        state.generateLmHead();
        state.fillForTiming();
        Map<Long, Task> representatives = new LinkedHashMap<>();
        for (Task task : graph.tasks()) {
            representatives.putIfAbsent(((long) task.subgraph().index() << 32) | task.shapeClass(), task);
        }
        for (Task task : representatives.values()) {
            for (Processor lane : HostBackend.lanes().processors()) {
                HostOp[] ops = p.ops()[lane.id()][task.id()];
                if (ops == null) continue;
                PrefillState.Lane scratch = state.lane(lane.id());
                for (HostOp op : ops) {
                    Key key = new Key(lane.id(), op.kind(), op.dtype(), op.batch(), op.m(), op.k(), op.n());
                    if (!seen.add(key)) continue;
                    warmUp(op, state, task.chunk(), scratch, options.warmup());
                    long[] samples = new long[options.repetitions()];
                    for (int i = 0; i < samples.length; i++) {
                        evictor.evict();
                        long start = System.nanoTime();
                        op.run(state, task.chunk(), scratch);
                        samples[i] = System.nanoTime() - start;
                    }
                    out.add(new Measurement(lane.id(), op.kind(), op.dtype(), op.batch(), op.m(), op.k(), op.n(),
                            RobustStats.summarize(samples), samples.length));
                }
            }
        }
    }

    /**
     * Runs {@code op} untimed at least {@code runs} times and for at least {@link #MIN_WARMUP_NS}
     * (at most {@link #MAX_WARMUP_RUNS} runs): the element-wise ops are Java loops, which run
     * interpreted for their first thousands of iterations, so a few runs of a microsecond-sized op
     * would time the interpreter rather than the compiled loop a replay runs.
     */
    private static void warmUp(HostOp op, PrefillState state, int chunk, PrefillState.Lane scratch, int runs) {
        long until = System.nanoTime() + MIN_WARMUP_NS;
        for (int i = 0; i < MAX_WARMUP_RUNS && (i < runs || System.nanoTime() < until); i++) op.run(state, chunk, scratch);
    }

    /**
     * Measures a one-way hand-off between two threads, the way a lane worker learns that a
     * dependency finished on the other lane: each sample is {@value #HANDOFFS_PER_SAMPLE} round
     * trips through a {@link SynchronousQueue} divided by twice that count, in ns.
     *
     * @throws IllegalStateException if the calling thread is interrupted
     */
    public static RobustStats.Summary measureHandoffNs(int repetitions, int warmup) {
        if (repetitions < 1 || warmup < 0) {
            throw new UserInputException("hand-off measurement needs repetitions >= 1 and warm-up >= 0, got " + repetitions + " and " + warmup);
        }
        SynchronousQueue<Integer> there = new SynchronousQueue<>();
        SynchronousQueue<Integer> back = new SynchronousQueue<>();
        Thread echo = new Thread(() -> {
            try {
                while (true) {
                    int v = there.take();
                    back.put(v);
                    if (v < 0) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hetsched-handoff-echo");
        echo.setDaemon(true);
        echo.start();
        try {
            long[] samples = new long[repetitions];
            for (int r = -warmup; r < repetitions; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < HANDOFFS_PER_SAMPLE; i++) {
                    there.put(i);
                    back.take();
                }
                long elapsed = System.nanoTime() - start;
                if (r >= 0) samples[r] = elapsed / (2L * HANDOFFS_PER_SAMPLE);
            }
            there.put(-1);
            back.take();
            echo.join();
            return RobustStats.summarize(samples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            echo.interrupt();
            throw new IllegalStateException("interrupted while measuring the lane hand-off", e);
        }
    }

    private record Key(int lane, OpKind kind, DType dtype, int batch, int m, int k, int n) {
    }
}
