package org.hetsched.artefacts.qnn;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hetsched.artefacts.onnx.SubgraphModel;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.Eligibility;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.ProcessorKind;

/**
 * Exports the NPU work of a model's prefill as ONNX models to run on a real device with QNN
 * profiling: for each chunk size, the prefill graph of a one-chunk prompt (every static NPU graph of
 * that chunk size occurs in it: the NPU subgraphs do not depend on the attention context), and in it
 * every distinct op list of the tasks the QNN backend's {@code npu} lane would run
 * ({@link #NPU_LANE}: the plan places the subgraph on the NPU in INT8/FP16 and
 * {@link SubgraphModels} can build it), one {@link SubgraphModel} each, with the same seed and node
 * names ({@code op<i>.<label>.<part>}) as the backend uses. A {@link QnnModelManifest} records what
 * each model implements, so that {@code QnnProfileImport} can map a device's profile back to op
 * costs.
 *
 * <p>Names: {@code <subgraph>-c<chunk>} ({@code ffn-c256}); a subgraph with several distinct op lists
 * at one chunk size (llm.npu's last layer computes no next-layer Q/K/V) gets {@code -2}, {@code -3}, …
 * for the second and later, in task order. Characters other than letters, digits, '_' and '-'
 * become '_'.
 *
 * <p>Cost: one reference pass per model (see {@link SubgraphModels#build}); memory: every model's
 * INT8 weights at once (Qwen1.5-1.8B's FFN model at chunk 256: about 36 MB). Stateless.
 */
public final class QnnModelExport {
    /**
     * The QNN HTP as a lane: the processor kind and the dtypes an exported model may compute. The
     * QNN backend's {@code npu} lane is this processor.
     */
    public static final Processor NPU_LANE = new Processor(0, "npu", ProcessorKind.NPU, Set.of(DType.INT8, DType.FP16));

    private QnnModelExport() {
    }

    /**
     * What to export.
     *
     * @param model       the model
     * @param plan        the partition plan (which subgraphs run on the NPU, in which dtypes)
     * @param chunkTokens chunk sizes, each ≥ 1 and within the model's context, no repeats, non-empty
     * @param seed        seeds the models' weights and inputs
     */
    public record Request(ModelSpec model, PartitionPlan plan, List<Integer> chunkTokens, long seed) {
        /** @throws UserInputException listing every bad value */
        public Request {
            if (model == null || plan == null) throw new IllegalArgumentException("a model and a plan are required");
            List<String> problems = new ArrayList<>();
            if (chunkTokens == null || chunkTokens.isEmpty()) {
                problems.add("chunk sizes must not be empty");
            } else {
                for (Integer c : chunkTokens) {
                    if (c == null || c < 1) {
                        problems.add("chunk size must be >= 1 token, got " + c);
                    } else if (c > model.maxContextTokens()) {
                        problems.add("chunk size " + c + " exceeds the max context of " + model.name() + " (" + model.maxContextTokens() + " tokens)");
                    }
                }
                if (new LinkedHashSet<>(chunkTokens).size() != chunkTokens.size()) problems.add("chunk sizes repeat: " + chunkTokens);
            }
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
            chunkTokens = List.copyOf(chunkTokens);
        }
    }

    /**
     * One exported model.
     *
     * @param entry its manifest entry
     * @param model the model itself (with its seeded inputs, so it can also be run here)
     */
    public record Exported(QnnModelManifest.Model entry, SubgraphModel model) {
    }

    /**
     * What an export made.
     *
     * @param manifest the manifest, listing {@code models} in order
     * @param models   the models
     * @param skipped  NPU-placed subgraphs that cannot become a model here, one line each with the reason
     */
    public record Result(QnnModelManifest manifest, List<Exported> models, List<String> skipped) {
        public Result {
            models = List.copyOf(models);
            skipped = List.copyOf(skipped);
        }

        /** Writes the manifest as indented JSON to {@code out}, which stays open. */
        public void writeManifest(OutputStream out) throws IOException {
            manifest.write(out);
        }
    }

    /**
     * Builds the models.
     *
     * @param version the hetsched version, recorded in the manifest
     * @throws UserInputException if the plan places no subgraph on the NPU that can become a model
     *     (the message gives each NPU subgraph's reason)
     */
    public static Result run(Request request, String version) {
        Processor npu = NPU_LANE;
        // the same ops at another layer share a model (its weights are generated, not the layer's)
        Map<List<Op.Signature>, Pending> byOps = new LinkedHashMap<>();
        Set<String> skipped = new LinkedHashSet<>();
        for (int chunk : request.chunkTokens()) {
            TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(request.model(), request.plan(), chunk, chunk));
            for (Task task : graph.tasks()) {
                Placement placement = task.subgraph().placementOn(npu.kind());
                if (placement == null) continue;
                String reason = Eligibility.reason(task, npu);
                if (reason == null) reason = SubgraphModels.unsupported(task.ops());
                if (reason != null) {
                    skipped.add("subgraph " + task.subgraph().name() + " at chunk " + chunk + ": " + reason);
                    continue;
                }
                Pending p = byOps.computeIfAbsent(task.ops().stream().map(Op::signature).toList(), ops -> new Pending(task, placement, chunk));
                if (task.layer() >= 0) p.layers.add(task.layer());
            }
        }
        if (byOps.isEmpty()) {
            throw new UserInputException("plan " + request.plan().name() + " places no subgraph of " + request.model().name()
                    + " on the NPU that can run as a QNN model" + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped)));
        }
        List<Exported> exported = new ArrayList<>();
        Map<String, Integer> perBase = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (Pending p : byOps.values()) {
            String base = sanitize(p.task.subgraph().name()) + "-c" + p.chunk;
            int n = perBase.merge(base, 1, Integer::sum);
            String name = n == 1 ? base : base + "-" + n;
            while (!used.add(name)) name = base + "-" + perBase.merge(base, 1, Integer::sum);
            SubgraphModel model = SubgraphModels.build(name, p.task.ops(), request.model().normEpsilon(), request.seed());
            List<QnnModelManifest.ModelOp> ops = new ArrayList<>();
            for (int i = 0; i < p.task.ops().size(); i++) {
                Op op = p.task.ops().get(i);
                ops.add(new QnnModelManifest.ModelOp(i, op, p.placement.dtypeOf(op.kind())));
            }
            QnnModelManifest.Model entry = new QnnModelManifest.Model(name, name + ".onnx", sha256(model.onnx()), p.task.subgraph().name(),
                    p.chunk, List.copyOf(p.layers), ops, model.nodeNames());
            exported.add(new Exported(entry, model));
        }
        QnnModelManifest manifest = new QnnModelManifest(version, request.model().name(), request.plan().name(), request.chunkTokens(),
                request.seed(), exported.stream().map(Exported::entry).toList());
        return new Result(manifest, exported, List.copyOf(skipped));
    }

    /** The first task of a distinct op list, and the layers that run it. */
    private static final class Pending {
        final Task task;
        final Placement placement;
        final int chunk;
        final Set<Integer> layers = new TreeSet<>();

        Pending(Task task, Placement placement, int chunk) {
            this.task = task;
            this.placement = placement;
            this.chunk = chunk;
        }
    }

    static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_\\-]", "_");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
