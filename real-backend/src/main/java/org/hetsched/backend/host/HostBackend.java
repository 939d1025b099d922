package org.hetsched.backend.host;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hetsched.backend.Backend;
import org.hetsched.backend.host.Dataflow.Linear;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.core.trace.PrefillCheck;

/**
 * Two lanes on this machine's cores: {@code npu} (kind NPU; INT8 linears on the W8A8 kernel, its
 * FP16 ops computed in float32 because the host has no FP16 kernels) and {@code cpu} (kind CPU;
 * float kernels, and INT8 linears where a plan places them there).
 *
 * <p><b>Real tensors, real data flow.</b> {@link #prepare} generates the model's weights from the
 * seed (per layer, or one layer's shared by all with {@link Options#shareLayerWeights}), the
 * prompt's tokens, and calibrates static INT8 activation scales with an unchunked float32 pass
 * ({@link PrefillReference}). {@link #execute} then computes each task's ops ({@link HostOp}) on
 * the state of its chunk — residual stream, normed input, queries, attention output, FFN output —
 * and on each layer's K/V cache, which grows chunk by chunk: chunk i's K/V producer writes rows
 * [i·C, (i+1)·C), and chunk i's attention reads every row of the chunks before it, as the K/V
 * rule allows. Whatever order the lanes run the tasks in, as long as it respects the graph, the
 * final hidden states are the same; {@link #check} compares them with the unchunked references.
 *
 * <p><b>Memory</b>: weights, embedding rows, K/V caches, per-chunk state, lane scratch and the
 * references' workspace, listed and counted against the budget before anything is allocated
 * ({@link MemoryBudgetExceededException} names the largest).
 *
 * <p><b>Threading</b>: single-threaded except {@link #execute}, see {@link Backend}. Concurrent
 * tasks touch disjoint state (a chunk's tasks are ordered by the graph; a shadow task only reads
 * what its concurrently running sibling does not write; each lane has its own scratch).
 * {@link #check} must not overlap an {@link #execute}.
 */
public final class HostBackend implements Backend {
    public static final int NPU = 0;
    public static final int CPU = 1;
    private static final Platform PLATFORM = new Platform("host", List.of(
            new Processor(NPU, "npu", ProcessorKind.NPU, Set.of(DType.INT8, DType.FP16)),
            new Processor(CPU, "cpu", ProcessorKind.CPU, Set.of(DType.INT8, DType.FP16, DType.FP32))));

    /**
     * @param memoryBudgetBytes  the most tensor bytes {@link #prepare} may allocate, &gt; 0
     * @param seed               seeds weights, tokens and stand-in data
     * @param shareLayerWeights  every layer uses layer 0's weights (a big model's shapes in a
     *                           fraction of the memory; the references use the same weights, so
     *                           the check stays valid)
     */
    public record Options(long memoryBudgetBytes, long seed, boolean shareLayerWeights) {
        /** @throws UserInputException if the budget is not positive */
        public Options {
            if (memoryBudgetBytes <= 0) throw new UserInputException("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
        }
    }

    private final ModelSpec model;
    private final Options options;
    private TaskGraph graph;
    private Dataflow flow;
    private PrefillState state;
    private PrefillReference.Workspace workspace;
    private PrefillReference.Calibration calibration;
    /** Per lane, per task: the ops in op order, or null when the lane cannot run the task. */
    private HostOp[][][] ops;
    private String[][] refusals;
    /** Per task, the lane that last ran it since {@link #prepare}, or −1; written by that lane's worker. */
    private int[] ranOn;
    private boolean closed;

    /**
     * A backend that takes the architecture from each prepared graph's op shapes (assuming
     * RMSNorm, which the graph does not show); prefer {@link #HostBackend(ModelSpec, Options)}.
     *
     * @param memoryBudgetBytes the most tensor bytes {@link #prepare} may allocate, &gt; 0
     * @param seed              seeds weights, tokens and stand-in data
     */
    public HostBackend(long memoryBudgetBytes, long seed) {
        this(null, checkedOptions(memoryBudgetBytes, seed));
    }

    /**
     * A backend computing {@code model}, whose graphs must be built for it.
     *
     * @param model the architecture, or null to read it from each graph
     */
    public HostBackend(ModelSpec model, Options options) {
        this.model = model;
        this.options = options;
    }

    private static Options checkedOptions(long memoryBudgetBytes, long seed) {
        if (memoryBudgetBytes <= 0) throw new IllegalArgumentException("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
        return new Options(memoryBudgetBytes, seed, false);
    }

    /**
     * A backend whose budget is the JVM's maximum heap size, which is also the default cap on
     * direct buffers ({@code -XX:MaxDirectMemorySize}), so a graph that passes the check can be allocated.
     */
    public static HostBackend withDefaultBudget(long seed) {
        return new HostBackend(Runtime.getRuntime().maxMemory(), seed);
    }

    /** As {@link #withDefaultBudget(long)}, computing {@code model}. */
    public static HostBackend withDefaultBudget(ModelSpec model, long seed, boolean shareLayerWeights) {
        return new HostBackend(model, new Options(Runtime.getRuntime().maxMemory(), seed, shareLayerWeights));
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
        return "this machine: an INT8 W8A8 lane standing in for the NPU and a float lane for CPU work (native JNI kernels),"
                + " computing the model's prefill on seeded weights";
    }

    @Override
    public Platform platform() {
        return PLATFORM;
    }

    public long memoryBudgetBytes() {
        return options.memoryBudgetBytes();
    }

    public Options options() {
        return options;
    }

    /**
     * {@inheritDoc} Matches the graph's ops to the decoder's dataflow, checks the budget, allocates,
     * generates the weights and calibrates the INT8 scales (an unchunked float32 pass over the
     * prompt). Tensors of an earlier graph are dropped first (the GC frees their direct memory).
     *
     * @throws UserInputException also if the graph's ops do not follow the decoder's order, do not
     *     fit the model, or partition it in a way whose data flow would race (see {@link Dataflow})
     */
    @Override
    public void prepare(TaskGraph graph) {
        if (closed) throw new IllegalStateException("host backend is closed");
        this.graph = null;
        this.flow = null;
        this.state = null;
        this.workspace = null;
        this.calibration = null;
        this.ops = null;
        ModelSpec spec = model != null ? model : GraphModels.of(graph);
        Dataflow dataflow = Dataflow.of(graph, spec);
        HostOp[][][] laneOps = HostOp.forTasks(dataflow, PLATFORM);
        String[][] refused = new String[PLATFORM.size()][graph.size()];
        for (Processor lane : PLATFORM.processors()) {
            for (int t = 0; t < graph.size(); t++) {
                if (laneOps[lane.id()][t] == null) refused[lane.id()][t] = Eligibility.reason(graph.task(t), lane);
            }
        }
        PrefillState.Layout layout = PrefillState.layout(dataflow, laneOps, options.shareLayerWeights(), true);
        checkBudget(graph, spec, layout, options.memoryBudgetBytes());
        PrefillState prepared = new PrefillState(dataflow, layout, options.seed());
        PrefillReference.Workspace ws = PrefillReference.Workspace.allocate(spec, graph.promptTokens(), dataflow.hotChannels());
        PrefillReference.Calibration cal = PrefillReference.calibrate(prepared, ws, dataflow.hotChannels());
        this.graph = graph;
        this.flow = dataflow;
        this.state = prepared;
        this.workspace = ws;
        this.calibration = cal;
        this.ops = laneOps;
        this.refusals = refused;
        this.ranOn = new int[graph.size()];
        Arrays.fill(ranOn, -1);
    }

    /** Refuses a layout over the budget, or with a tensor larger than a direct buffer can hold, before anything is allocated. */
    static void checkBudget(TaskGraph graph, ModelSpec model, PrefillState.Layout layout, long budgetBytes) {
        long total = layout.totalBytes();
        if (total > budgetBytes) {
            throw new MemoryBudgetExceededException(graph.name(), total, budgetBytes, layout.largest()
                    + (layout.sharedWeights() ? "" : "; sharing one layer's weights across layers would save most of the weights"));
        }
        long single = PrefillState.largestBuffer(model, graph, layout);
        if (single > Integer.MAX_VALUE) {
            throw new MemoryBudgetExceededException(graph.name(), single, Integer.MAX_VALUE, "one tensor of " + single
                    + " bytes exceeds the 2 GiB a direct buffer can hold");
        }
    }

    /**
     * {@inheritDoc} Before its first op, a task that joins a shadow subgraph adds that shadow's
     * correction to its chunk's residual stream (not part of any op's duration).
     */
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
        int chunk = graph.task(task).chunk();
        if (flow.mergeShadowLayer(task) >= 0 && state.projectedInInt8(chunk)) state.mergeShadow(chunk);
        PrefillState.Lane lane = state.lane(processor);
        long[] durations = new long[kernels.length];
        for (int i = 0; i < kernels.length; i++) {
            long start = System.nanoTime();
            kernels[i].run(state, chunk, lane);
            durations[i] = System.nanoTime() - start;
        }
        ranOn[task] = processor;
        return durations;
    }

    /**
     * Compares the final hidden states of the tasks run since {@link #prepare} (every task must
     * have run, e.g. one replay) with the unchunked quantised and float32 references. Time: one
     * unchunked prefill with the run's precisions; memory: the workspace prepared for it.
     *
     * @throws IllegalStateException if nothing is prepared, a task has not run, the graph has no
     *     final norm, or one linear ran INT8 in some chunks and float in others (the unchunked
     *     reference has one precision per linear)
     */
    public PrefillCheck check() {
        if (closed) throw new IllegalStateException("host backend is closed");
        if (graph == null) throw new IllegalStateException("no graph prepared");
        if (!flow.hasFinalNorm()) throw new IllegalStateException("graph " + graph.name() + " has no final norm to compare");
        for (int t = 0; t < graph.size(); t++) {
            if (ranOn[t] < 0) {
                throw new IllegalStateException("task " + graph.task(t).label() + " has not run since the graph was prepared;"
                        + " run every task (e.g. replay a plan) before checking");
            }
        }
        boolean[][] int8 = precisions();
        ModelSpec m = state.model();
        float[] quantised = PrefillReference.quantised(state, workspace, int8, flow.shadowLayers());
        PrefillCheck.Comparison q = PrefillReference.compare("quantised", state.hidden(), quantised, graph.promptTokens(),
                m.hiddenSize(), PrefillReference.QUANTISED_TOLERANCE);
        PrefillCheck.Comparison f = PrefillReference.compare("float32", state.hidden(), calibration.float32Hidden(), graph.promptTokens(),
                m.hiddenSize(), PrefillReference.float32Tolerance(state, calibration, int8));
        return new PrefillCheck(q, f);
    }

    /** Per layer and linear, whether the lanes that ran it ran it in INT8. */
    private boolean[][] precisions() {
        int layers = state.model().layers();
        Boolean[][] seen = new Boolean[layers][Linear.values().length];
        boolean[][] int8 = new boolean[layers][Linear.values().length];
        for (int t = 0; t < graph.size(); t++) {
            for (HostOp op : ops[ranOn[t]][t]) {
                Linear linear = PrefillState.linearOf(op.step());
                if (linear == null || linear == Linear.LM_HEAD) continue;
                Boolean before = seen[op.layer()][linear.ordinal()];
                if (before != null && before != op.int8()) {
                    throw new IllegalStateException(PrefillState.name(linear) + " of layer " + op.layer() + " ran in INT8 in some chunks"
                            + " and in float in others (its subgraph ran on lanes with different placements); the unchunked"
                            + " reference computes each linear in one precision");
                }
                seen[op.layer()][linear.ordinal()] = op.int8();
                int8[op.layer()][linear.ordinal()] = op.int8();
            }
        }
        return int8;
    }

    /** The final hidden states of the real prompt tokens (prompt × hidden, row-major) as the tasks left them. */
    public float[] finalHiddenStates() {
        if (graph == null) throw new IllegalStateException("no graph prepared");
        float[] out = new float[graph.promptTokens() * state.model().hiddenSize()];
        state.hidden().get(0, out);
        return out;
    }

    /** The model being computed (given, or read from the prepared graph). */
    public ModelSpec model() {
        if (graph == null) throw new IllegalStateException("no graph prepared");
        return state.model();
    }

    /** What the prepared graph allocated, one line per tensor group with its bytes. */
    public List<String> tensors() {
        if (graph == null) throw new IllegalStateException("no graph prepared");
        return state.describe();
    }

    /** The prepared state, for tests in this package (e.g. to damage a weight and see the check fail). */
    PrefillState state() {
        return state;
    }

    @Override
    public void close() {
        closed = true;
        graph = null;
        flow = null;
        state = null;
        workspace = null;
        calibration = null;
        ops = null;
    }
}
