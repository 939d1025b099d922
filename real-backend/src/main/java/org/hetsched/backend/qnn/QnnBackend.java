package org.hetsched.backend.qnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hetsched.artefacts.onnx.SubgraphModel;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.artefacts.qnn.QnnModelExport;
import org.hetsched.artefacts.qnn.QnnNodeEvent;
import org.hetsched.backend.Backend;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.core.trace.ProfilingEvent;

/**
 * Two lanes: {@code npu} (kind NPU) runs a task as an ONNX model on QNN's HTP through ONNX
 * Runtime ({@link QnnRuntime}; emulated on x86-64), and {@code cpu} (kind CPU) is the host
 * backend's float lane ({@link HostBackend#CPU}, native kernels on this machine's cores).
 *
 * <p>NPU lane: {@link #prepare} builds one model per distinct op list of the tasks the lane may run
 * ({@link SubgraphModels}: QDQ INT8 linears, float ops decomposed) and one HTP session per model,
 * kept while later graphs need the same op list. {@link #execute} runs the task's session once and
 * splits the measured wall time of the run over the task's ops in proportion to the QNN cycles the
 * run's profiling rows give each op's nodes: op i gets wall · c<sub>i</sub> / Σc, where c<sub>i</sub>
 * sums the cycles of the nodes named {@code op<i>.…}, and the shares are rounded so they add up to
 * the wall time exactly. QNN's own Input/Output nodes and any node QNN renamed count for no op, so
 * their cycles are spread over the ops with the rest. Ops with no node get 0; if every op's nodes
 * report 0 cycles, the wall time is split evenly over the ops that have nodes. The wall time is
 * ONNX Runtime's whole {@code run} (input hand-over, the QNN execution, QNN writing its profiling
 * rows, output copy); reading the rows back happens after it, outside the op times but inside the
 * task's replay time.
 *
 * <p>Data does not flow through the NPU lane: every model runs on its own seeded inputs, so results
 * are not meaningful, only the work is; the host lane's tasks likewise read seeded tensors.
 * Emulated-HTP times measure this machine's emulation, not a phone's NPU.
 *
 * <p>Memory: the host backend's buffers (both its lanes, see {@link HostBackend}), one model and HTP
 * session per distinct NPU op list, and a temporary folder of profiling CSVs removed by
 * {@link #close}. Threading as {@link Backend}; {@link #qnnEvents} is read after a replay.
 */
public final class QnnBackend implements Backend {
    public static final int NPU = QnnModelExport.NPU_LANE.id();
    public static final int CPU = 1;
    private static final Platform PLATFORM = new Platform("qnn", List.of(
            QnnModelExport.NPU_LANE,
            new Processor(CPU, "cpu", ProcessorKind.CPU, Set.of(DType.INT8, DType.FP16, DType.FP32))));

    private final QnnRuntime runtime;
    private final HostBackend host;
    private final long seed;
    private final Path profileDir;
    /** Sessions by op signatures (the same ops at any layer share one), kept across prepares while needed. */
    private final Map<List<Op.Signature>, QnnSession> sessions = new LinkedHashMap<>();
    private TaskGraph graph;
    private QnnSession[] sessionOf;
    private String[] refusals;
    private ProfilingEvent[] executions;
    /** Numbers the models, so profile file names never repeat. */
    private int modelCount;
    private boolean closed;

    /**
     * @param runtime                the QNN runtime; the caller keeps ownership (sessions opened
     *                               here are closed here)
     * @param hostMemoryBudgetBytes  the host backend's budget, see {@link HostBackend#HostBackend(long, long)}
     * @param seed                   seeds the models' weights and inputs and the host tensors
     * @throws UncheckedIOException if no temporary folder for the profiles can be made
     */
    public QnnBackend(QnnRuntime runtime, long hostMemoryBudgetBytes, long seed) {
        this(runtime, new HostBackend(hostMemoryBudgetBytes, seed), seed);
    }

    /**
     * A backend whose host lane computes {@code model} (rather than the model read from each
     * prepared graph, which a model loaded from a {@code config.json} cannot be found by).
     *
     * @param runtime     as above
     * @param model       the model of the graphs to be prepared
     * @param hostOptions the host backend's budget and seed; the seed also seeds the NPU lane's models
     */
    public QnnBackend(QnnRuntime runtime, ModelSpec model, HostBackend.Options hostOptions) {
        this(runtime, new HostBackend(model, hostOptions), hostOptions.seed());
    }

    private QnnBackend(QnnRuntime runtime, HostBackend host, long seed) {
        this.runtime = runtime;
        this.host = host;
        this.seed = seed;
        try {
            this.profileDir = Files.createTempDirectory("hetsched-qnn-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for QNN profiles", e);
        }
    }

    /** The lanes, without building a backend. */
    public static Platform lanes() {
        return PLATFORM;
    }

    @Override
    public String name() {
        return "qnn";
    }

    @Override
    public String description() {
        return "QNN's HTP through ONNX Runtime (emulated on x86-64; QDQ INT8 ONNX models) and the host's float lane for CPU work";
    }

    @Override
    public Platform platform() {
        return PLATFORM;
    }

    /**
     * {@inheritDoc} Also builds the NPU lane's models and opens their HTP sessions (50–600 ms each
     * on the emulator), so {@link #execute} does not pay graph preparation.
     *
     * @throws QnnSessionException if QNN cannot take one of the models
     */
    @Override
    public void prepare(TaskGraph graph) {
        if (closed) throw new IllegalStateException("QNN backend is closed");
        this.graph = null;
        host.prepare(graph);
        double normEpsilon = host.model().normEpsilon();
        Processor npu = PLATFORM.processor(NPU);
        QnnSession[] of = new QnnSession[graph.size()];
        String[] refused = new String[graph.size()];
        Map<List<Op.Signature>, QnnSession> needed = new LinkedHashMap<>();
        for (Task task : graph.tasks()) {
            String reason = Eligibility.reason(task, npu);
            if (reason == null) reason = SubgraphModels.unsupported(task.ops());
            if (reason != null) {
                refused[task.id()] = reason;
                continue;
            }
            List<Op.Signature> key = task.ops().stream().map(Op::signature).toList();
            QnnSession s = needed.get(key);
            if (s == null) {
                s = sessions.get(key);
                if (s == null) {
                    String name = sanitize(task.subgraph().name()) + "-" + modelCount++;
                    SubgraphModel model = SubgraphModels.build(name, task.ops(), normEpsilon, seed);
                    s = runtime.openSession(model, profileDir.resolve(name + ".csv"));
                    sessions.put(key, s);
                }
                needed.put(key, s);
            }
            of[task.id()] = s;
        }
        sessions.entrySet().removeIf(e -> {
            if (needed.containsKey(e.getKey())) return false;
            e.getValue().close();
            return true;
        });
        this.sessionOf = of;
        this.refusals = refused;
        this.executions = new ProfilingEvent[graph.size()];
        this.graph = graph;
    }

    @Override
    public long[] execute(int task, int processor) {
        if (closed) throw new IllegalStateException("QNN backend is closed");
        if (graph == null) throw new IllegalStateException("no graph prepared");
        if (processor < 0 || processor >= PLATFORM.size()) {
            throw new IllegalArgumentException("processor " + processor + " is not a lane of the QNN backend (0.." + (PLATFORM.size() - 1) + ")");
        }
        if (task < 0 || task >= graph.size()) {
            throw new IllegalArgumentException("task " + task + " is not in graph " + graph.name() + " (0.." + (graph.size() - 1) + ")");
        }
        if (processor == CPU) return host.execute(task, HostBackend.CPU);
        QnnSession session = sessionOf[task];
        Task t = graph.task(task);
        if (session == null) {
            throw new IllegalArgumentException("task " + t.label() + " cannot run on lane " + PLATFORM.processor(processor).name() + ": "
                    + refusals[task]);
        }
        QnnRun run = session.run();
        executions[task] = run.execution().toEvent(t.label());
        return opNs(run, t.ops().size());
    }

    /**
     * The QNN profiling rows of every NPU task run since {@link #prepare}, as an EXECUTE root with one
     * TASK per task in task-id order (labelled with the task, value = QNN's execute time) and its
     * NODE events (cycles per ONNX node, labelled {@code op<i>.<op label>.<part>}). A task run more
     * than once shows its last run. Call it when no task is running.
     */
    public ProfilingEvent qnnEvents() {
        List<ProfilingEvent> tasks = new ArrayList<>();
        long total = 0;
        if (executions != null) {
            for (ProfilingEvent e : executions) {
                if (e == null) continue;
                tasks.add(e);
                total += e.value();
            }
        }
        return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, total, ProfilingEvent.Unit.TIME_NS,
                "QNN HTP executions of " + (graph == null ? "no graph" : graph.name()), tasks);
    }

    /** The HTP sessions of the prepared graph's NPU tasks, one per distinct op list. */
    public List<QnnSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Closes the sessions and the host backend and deletes the profiles; idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        graph = null;
        try {
            for (QnnSession s : sessions.values()) s.close();
            sessions.clear();
            host.close();
        } finally {
            deleteRecursively(profileDir);
        }
    }

    /** Splits a run's wall time over the ops by their nodes' share of the cycles; see the class comment. */
    static long[] opNs(QnnRun run, int opCount) {
        long[] cycles = new long[opCount];
        boolean[] hasNode = new boolean[opCount];
        long total = 0;
        for (QnnNodeEvent n : run.execution().nodes()) {
            int op = SubgraphModels.opIndex(n.node());
            if (op < 0 || op >= opCount) continue;
            hasNode[op] = true;
            cycles[op] += n.value();
            total += n.value();
        }
        if (total == 0) {
            for (int i = 0; i < opCount; i++) {
                if (hasNode[i]) {
                    cycles[i] = 1;
                    total++;
                }
            }
            if (total == 0) {
                throw new IllegalStateException("QNN's profile of the run at line " + run.execution().line()
                        + " names no node after an op (op<i>.…); nodes: " + run.execution().nodes().stream().map(QnnNodeEvent::node).toList());
            }
        }
        long[] ns = new long[opCount];
        long wall = run.wallNs();
        long cumulative = 0;
        long assigned = 0;
        for (int i = 0; i < opCount; i++) {
            cumulative += cycles[i];
            // cumulative rounding: the shares add up to the wall time exactly
            long upTo = Math.round((double) wall * cumulative / total);
            ns[i] = upTo - assigned;
            assigned = upTo;
        }
        return ns;
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_\\-]", "_");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the QNN profiles in " + dir, e);
        }
    }
}
