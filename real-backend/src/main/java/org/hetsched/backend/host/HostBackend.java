package org.hetsched.backend.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hetsched.backend.Backend;
import org.hetsched.backend.Eligibility;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.core.graph.DType;

/**
 * Two lanes on this machine's cores: {@code npu} (kind NPU; INT8 linears on the W8A8 kernel, its
 * FP16 ops computed in float32 because the host has no FP16 kernels) and {@code cpu} (kind CPU;
 * float kernels, and INT8 linears where a plan places them there).
 *
 * <p>Per op: LINEAR → W8A8 {@code matmulInt8Requant} (INT8) or {@code matmulF32}; attention QK/AV →
 * {@code matmulF32} per head over the op's shape; SOFTMAX, NORM (RMSNorm also for LayerNorm models),
 * ROPE, SHADOW_LINEAR (a few outliers through {@code shadowOutliers}), ACTIVATION (the SiLU-gated
 * product, also for GELU variants: the host has no GELU kernel) run natively; residual adds,
 * (de)quantisation, embedding rows and K/V appends are loops or bulk copies over the same direct
 * buffers. Data does not flow between ops (each op reads its own seeded inputs), so results are
 * not meaningful, only the work is.
 *
 * <p>Memory: one set of direct buffers per distinct (lane, op kind, dtype, shape) of the prepared
 * graph, counted against the budget before any is allocated. Lanes are not pinned to cores.
 * Single-threaded except {@link #execute}, see {@link Backend}.
 */
public final class HostBackend implements Backend {
    public static final int NPU = 0;
    public static final int CPU = 1;
    private static final Platform PLATFORM = new Platform("host", List.of(
            new Processor(NPU, "npu", ProcessorKind.NPU, Set.of(DType.INT8, DType.FP16)),
            new Processor(CPU, "cpu", ProcessorKind.CPU, Set.of(DType.INT8, DType.FP16, DType.FP32))));

    private final long memoryBudgetBytes;
    private final long seed;
    private TaskGraph graph;
    /** Per lane, per task: the op kernels in op order, or null when the lane cannot run the task. */
    private HostOp[][][] ops;
    private String[][] refusals;
    private boolean closed;

    /**
     * @param memoryBudgetBytes the most tensor bytes {@link #prepare} may allocate, &gt; 0
     * @param seed              seeds the tensor contents
     */
    public HostBackend(long memoryBudgetBytes, long seed) {
        if (memoryBudgetBytes <= 0) throw new IllegalArgumentException("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.seed = seed;
    }

    /**
     * A backend whose budget is the JVM's maximum heap size, which is also the default cap on
     * direct buffers ({@code -XX:MaxDirectMemorySize}), so a graph that passes the check can be allocated.
     */
    public static HostBackend withDefaultBudget(long seed) {
        return new HostBackend(Runtime.getRuntime().maxMemory(), seed);
    }

    /** The lanes, without building a backend (for reading back traces recorded elsewhere). */
    public static Platform lanes() {
        return PLATFORM;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public String description() {
        return "this machine: an INT8 W8A8 lane standing in for the NPU and a float lane for CPU work (native JNI kernels)";
    }

    @Override
    public Platform platform() {
        return PLATFORM;
    }

    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /** {@inheritDoc} Tensors of an earlier graph are dropped first (the GC frees their direct memory). */
    @Override
    public void prepare(TaskGraph graph) {
        if (closed) throw new IllegalStateException("host backend is closed");
        this.graph = null;
        this.ops = null;
        int headDim = attentionHeadDim(graph);
        // keyed per lane so that two lanes never write one output buffer concurrently
        Map<LaneShape, Boolean> shapes = new LinkedHashMap<>();
        int lanes = PLATFORM.size();
        HostOp.Shape[][][] plan = new HostOp.Shape[lanes][graph.size()][];
        String[][] refused = new String[lanes][graph.size()];
        long total = 0;
        HostOp.Shape largest = null;
        for (Processor lane : PLATFORM.processors()) {
            for (Task task : graph.tasks()) {
                String reason = Eligibility.reason(task, lane);
                if (reason != null) {
                    refused[lane.id()][task.id()] = reason;
                    continue;
                }
                Placement placement = task.subgraph().placementOn(lane.kind());
                HostOp.Shape[] taskShapes = new HostOp.Shape[task.ops().size()];
                for (int i = 0; i < taskShapes.length; i++) {
                    Op op = task.ops().get(i);
                    HostOp.Shape shape = new HostOp.Shape(op.kind(), placement.dtypeOf(op.kind()), op.batch(), op.m(), op.k(),
                            op.n(), op.kind() == OpKind.ROPE ? HostOp.ropeHeadDim(op.n(), headDim) : 0);
                    if (shapes.putIfAbsent(new LaneShape(lane.id(), shape), Boolean.TRUE) == null) {
                        total += shape.bytes();
                        if (largest == null || shape.bytes() > largest.bytes()) largest = shape;
                    }
                    taskShapes[i] = shape;
                }
                plan[lane.id()][task.id()] = taskShapes;
            }
        }
        if (total > memoryBudgetBytes) {
            throw new MemoryBudgetExceededException(graph.name(), total, memoryBudgetBytes,
                    largest + " = " + largest.bytes() + " bytes");
        }
        for (LaneShape ls : shapes.keySet()) {
            HostOp.Shape s = ls.shape();
            for (long b : s.tensorBytes()) {
                if (b > Integer.MAX_VALUE) {
                    throw new MemoryBudgetExceededException(graph.name(), b, Integer.MAX_VALUE, "one tensor of " + s
                            + " exceeds the 2 GiB a direct buffer can hold");
                }
            }
        }
        Random random = new Random(seed);
        HostOp[][][] kernels = new HostOp[lanes][graph.size()][];
        for (int lane = 0; lane < lanes; lane++) {
            Map<HostOp.Shape, HostOp> laneOps = new LinkedHashMap<>();
            for (int t = 0; t < graph.size(); t++) {
                HostOp.Shape[] taskShapes = plan[lane][t];
                if (taskShapes == null) continue;
                HostOp[] k = new HostOp[taskShapes.length];
                for (int i = 0; i < k.length; i++) k[i] = laneOps.computeIfAbsent(taskShapes[i], s -> new HostOp(s, random));
                kernels[lane][t] = k;
            }
        }
        this.graph = graph;
        this.ops = kernels;
        this.refusals = refused;
    }

    @Override
    public long[] execute(int task, int processor) {
        if (closed) throw new IllegalStateException("host backend is closed");
        if (graph == null) throw new IllegalStateException("no graph prepared");
        if (processor < 0 || processor >= PLATFORM.size()) {
            throw new IllegalArgumentException("processor " + processor + " is not a lane of the host backend (0.."
                    + (PLATFORM.size() - 1) + ")");
        }
        if (task < 0 || task >= graph.size()) {
            throw new IllegalArgumentException("task " + task + " is not in graph " + graph.name() + " (0.." + (graph.size() - 1) + ")");
        }
        HostOp[] kernels = ops[processor][task];
        if (kernels == null) {
            throw new IllegalArgumentException("task " + graph.task(task).label() + " cannot run on lane "
                    + PLATFORM.processor(processor).name() + ": " + refusals[processor][task]);
        }
        int positionOffset = graph.task(task).chunk() * graph.chunkTokens();
        long[] durations = new long[kernels.length];
        for (int i = 0; i < kernels.length; i++) {
            long start = System.nanoTime();
            kernels[i].run(positionOffset);
            durations[i] = System.nanoTime() - start;
        }
        return durations;
    }

    @Override
    public void close() {
        closed = true;
        graph = null;
        ops = null;
    }

    private record LaneShape(int lane, HostOp.Shape shape) {
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
