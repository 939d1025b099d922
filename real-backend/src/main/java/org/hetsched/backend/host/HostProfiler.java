package org.hetsched.backend.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.SynchronousQueue;
import org.hetsched.backend.Eligibility;
import org.hetsched.backend.calibrate.RobustStats;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Processor;

/**
 * Micro-benchmarks the op shapes of prefill graphs on the host lanes: one representative task per
 * (subgraph, shape class) of each graph, each of its ops on every lane that may run the task (with
 * the dtype the lane's placement selects), warmed up and repeated, each distinct (lane, shape)
 * once. Ops run one at a time on the calling thread with their own seeded tensors, so only one
 * op's tensors are alive at a time. Stateless.
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
     * @param memoryBudgetBytes the most bytes one op's tensors may take, &gt; 0
     */
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
     * The measured latency of one op shape on one lane.
     *
     * @param processor lane id ({@link HostBackend#NPU} or {@link HostBackend#CPU})
     * @param kind      op kind
     * @param dtype     dtype the lane's placement selects for it
     * @param batch     batch (heads for attention)
     * @param m         rows
     * @param k         inner dimension (1 for element-wise ops)
     * @param n         columns
     * @param summary   robust statistics of the timed runs
     * @param runs      timed runs taken
     */
    public record Measurement(int processor, OpKind kind, DType dtype, int batch, int m, int k, int n,
                              RobustStats.Summary summary, int runs) {
        public Measurement {
            if (batch < 1 || m < 1 || k < 1 || n < 1 || runs < 1) {
                throw new IllegalArgumentException("bad measurement of " + kind + "/" + dtype + " " + batch + "x" + m + "x" + k + "x" + n
                        + " over " + runs + " runs");
            }
        }

        /** Work the cost curves are fitted over: MACs for matrix-multiply kinds, elements otherwise. */
        public long work() {
            return kind.matmul() ? (long) batch * m * k * n : (long) batch * m * n;
        }
    }

    /**
     * Measures every distinct (lane, op shape) of the representative tasks of {@code graphs}, in
     * graph, task and lane order. Time: (warmup + repetitions) runs per distinct shape.
     *
     * @throws MemoryBudgetExceededException if one op's tensors exceed the budget (checked before allocating it)
     */
    public static List<Measurement> measure(List<TaskGraph> graphs, Options options) {
        Map<Key, int[]> shapes = new LinkedHashMap<>(); // value: position offset of the first task using it
        for (TaskGraph graph : graphs) {
            int headDim = attentionHeadDim(graph);
            Map<Long, Task> representatives = new LinkedHashMap<>();
            for (Task task : graph.tasks()) {
                representatives.putIfAbsent(((long) task.subgraph().index() << 32) | task.shapeClass(), task);
            }
            for (Task task : representatives.values()) {
                for (Processor lane : HostBackend.lanes().processors()) {
                    if (Eligibility.reason(task, lane) != null) continue;
                    Placement placement = task.subgraph().placementOn(lane.kind());
                    for (Op op : task.ops()) {
                        HostOp.Shape shape = new HostOp.Shape(op.kind(), placement.dtypeOf(op.kind()), op.batch(), op.m(), op.k(),
                                op.n(), op.kind() == OpKind.ROPE ? HostOp.ropeHeadDim(op.n(), headDim) : 0);
                        Key key = new Key(lane.id(), shape);
                        if (shape.bytes() > options.memoryBudgetBytes()) {
                            throw new MemoryBudgetExceededException(graph.name(), shape.bytes(), options.memoryBudgetBytes(),
                                    shape + " on lane " + lane.name());
                        }
                        shapes.putIfAbsent(key, new int[] {task.chunk() * graph.chunkTokens()});
                    }
                }
            }
        }
        Random random = new Random(options.seed());
        List<Measurement> out = new ArrayList<>(shapes.size());
        for (Map.Entry<Key, int[]> e : shapes.entrySet()) {
            HostOp.Shape s = e.getKey().shape();
            int offset = e.getValue()[0];
            HostOp op = new HostOp(s, random);
            for (int i = 0; i < options.warmup(); i++) op.run(offset);
            long[] samples = new long[options.repetitions()];
            for (int i = 0; i < samples.length; i++) {
                long start = System.nanoTime();
                op.run(offset);
                samples[i] = System.nanoTime() - start;
            }
            out.add(new Measurement(e.getKey().lane(), s.kind(), s.dtype(), s.batch(), s.m(), s.k(), s.n(),
                    RobustStats.summarize(samples), samples.length));
        }
        return out;
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

    private record Key(int lane, HostOp.Shape shape) {
    }

    private static int attentionHeadDim(TaskGraph graph) {
        for (Task t : graph.tasks()) {
            for (Op op : t.ops()) {
                if (op.kind() == OpKind.ATTENTION_SCORE) return op.k();
            }
        }
        return 0;
    }
}
