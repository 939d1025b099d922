package org.hetsched.backend.calibrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.host.HostProfiler;
import org.hetsched.backend.qnn.QnnBackend;
import org.hetsched.backend.qnn.QnnRuntime;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.calibrate.ProfileWriter;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.calibrate.RobustStats;

/**
 * Calibrates a device profile for the QNN backend: the {@code npu} lane's op costs come from
 * running each distinct NPU subgraph of the model's prefill as a QNN HTP model (one per shape
 * class, {@link QnnBackend}) and splitting each run's wall time over its ops by QNN's per-node
 * cycles; the {@code cpu} lane's from the host float lane's micro-benchmarks
 * ({@link HostProfiler}); sync from the host lanes' measured hand-off. Written in the standard
 * format by {@link ProfileWriter}, every number naming its source.
 *
 * <p>Op samples of equal (kind, dtype, shape) pool across the subgraphs that contain them. An
 * NPU op whose nodes QNN folded away (no cycles of its own) gets 0 ns in every run and is left
 * out, so the profile prices it analytically. Emulated-HTP times measure this machine's emulation,
 * not a phone. Stateless.
 */
public final class QnnCalibration {
    private QnnCalibration() {
    }

    /** Runs the measurement with the request's chunk sizes, repetitions, warm-up and seed. */
    public static HostCalibration.Result run(HostCalibration.Request request, Provenance provenance, QnnRuntime runtime) {
        List<TaskGraph> graphs = new ArrayList<>();
        for (int chunk : request.chunkTokens()) {
            graphs.add(PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(request.model(), request.plan(),
                    chunk * HostCalibration.CHUNKS_PER_GRAPH, chunk)));
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Measurement m : HostProfiler.measure(request.model(), graphs, new HostProfiler.Options(request.repetitions(),
                request.warmup(), request.seed(), request.memoryBudgetBytes()))) {
            if (m.processor() == HostBackend.CPU) measurements.add(m);
        }
        measurements.addAll(measureNpuLane(request, runtime, graphs));
        RobustStats.Summary handoff = HostProfiler.measureHandoffNs(request.repetitions(), request.warmup());
        String what = request.model().name() + " prefill under plan " + request.plan().name() + ", chunks " + request.chunkTokens()
                + "; npu lane: QNN HTP (emulated) through ONNX Runtime, per-op time = run wall time split by QNN node cycles";
        ObjectNode profile = ProfileWriter.toJson(QnnBackend.lanes(), "qnn", "QNN backend lanes (emulated HTP and the host float lane)",
                measurements, handoff, provenance, provenance.measuredOn("qnn", request.model(), request.plan(), request.chunkTokens()), request.repetitions(), request.warmup(), what);
        return new HostCalibration.Result(profile, measurements, handoff);
    }

    /** Per (kind, dtype, shape) of the NPU lane: the pooled per-op samples of every distinct NPU task. */
    private static List<Measurement> measureNpuLane(HostCalibration.Request request, QnnRuntime runtime, List<TaskGraph> graphs) {
        Processor npu = QnnBackend.lanes().processor(QnnBackend.NPU);
        Map<OpShape, List<Long>> samples = new LinkedHashMap<>();
        try (QnnBackend backend = new QnnBackend(runtime, request.model(),
                new HostBackend.Options(request.memoryBudgetBytes(), request.seed(), true))) {
            for (TaskGraph graph : graphs) {
                backend.prepare(graph);
                Set<Integer> seen = new HashSet<>();
                for (Task task : graph.tasks()) {
                    if (!seen.add(task.shapeClass()) || Eligibility.reason(task, npu) != null
                            || SubgraphModels.unsupported(task.ops()) != null) {
                        continue;
                    }
                    for (int i = 0; i < request.warmup(); i++) backend.execute(task.id(), QnnBackend.NPU);
                    Placement placement = task.subgraph().placementOn(npu.kind());
                    for (int r = 0; r < request.repetitions(); r++) {
                        long[] opNs = backend.execute(task.id(), QnnBackend.NPU);
                        for (int i = 0; i < opNs.length; i++) {
                            Op op = task.ops().get(i);
                            OpShape key = new OpShape(op, placement.dtypeOf(op.kind()));
                            samples.computeIfAbsent(key, k -> new ArrayList<>()).add(opNs[i]);
                        }
                    }
                }
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<OpShape, List<Long>> e : samples.entrySet()) {
            long[] ns = e.getValue().stream().mapToLong(Long::longValue).toArray();
            if (java.util.Arrays.stream(ns).allMatch(v -> v == 0)) continue;
            OpShape s = e.getKey();
            out.add(new Measurement(QnnBackend.NPU, s.op().kind(), s.dtype(), s.op().batch(), s.op().m(), s.op().k(), s.op().n(),
                    RobustStats.summarize(ns), ns.length));
        }
        return out;
    }

    /** An op's shape and dtype on the lane, what it is ignored (q/k/v of equal shape pool). */
    private record OpShape(Op op, DType dtype) {
        OpShape {
            op = Op.probe(op.kind(), op.batch(), op.m(), op.k(), op.n());
        }
    }
}
