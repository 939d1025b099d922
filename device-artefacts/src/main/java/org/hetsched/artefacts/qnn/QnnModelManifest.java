package org.hetsched.artefacts.qnn;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.OpStep;
import org.hetsched.core.graph.TensorRef;
import org.hetsched.profiles.format.IoFailure;
import org.hetsched.profiles.format.JsonSupport;

/**
 * What {@link QnnModelExport} wrote: one entry per ONNX model, with the hetsched ops each model
 * implements (kind, the dtype the plan's NPU placement gives it, shape) and its node names, so that
 * QNN profiles of those models, captured anywhere, can be turned back into per-op costs.
 *
 * <p>The file ({@value #FILE_NAME}, format {@value #FORMAT}) is a JSON object:
 * <pre>{@code
 * {"format": "hetsched-qnn-models/1", "hetschedVersion": "0.1.0", "model": "qwen1.5-1.8b", "plan": "llm.npu",
 *  "chunkTokens": [256], "seed": 1,
 *  "models": [{"name": "ffn-c256", "file": "ffn-c256.onnx", "onnxSha256": "…", "subgraph": "ffn", "chunkTokens": 256,
 *              "layers": [0, 1, …],
 *              "ops": [{"index": 0, "label": "o_proj", "step": "O_PROJ", "layer": 0, "reads": ["ATTENTION@0"],
 *                       "writes": ["ATTENTION_OUT@0"], "kind": "LINEAR", "dtype": "INT8", "batch": 1, "m": 256, "k": 2048, "n": 2048}, …],
 *              "nodes": ["op0.o_proj.quantize_input", …]}]}
 * }</pre>
 * An op's {@code step}, {@code layer} (the first of the model's layers), {@code corrects} (shadow
 * steps only), {@code reads} and {@code writes} say what it is ({@link Op}); a manifest without them
 * describes its ops by kind and shape only ({@link Op#probe}). {@code label} is derived from the
 * step, written for readers and not read back. Model names are unique and contain no dot, so a profile file named {@code <name>.csv} (or
 * {@code <name>.<anything>}) names its model by the part before its first dot.
 *
 * @param hetschedVersion the version that exported the models
 * @param model           the model whose prefill the models come from
 * @param plan            the partition plan that placed their subgraphs on the NPU
 * @param chunkTokens     the chunk sizes exported
 * @param seed            seed of the models' weights and inputs
 * @param models          at least one, names unique
 */
public record QnnModelManifest(String hetschedVersion, String model, String plan, List<Integer> chunkTokens, long seed, List<Model> models) {
    /** The format id written into and required of every manifest. */
    public static final String FORMAT = "hetsched-qnn-models/1";
    /** The manifest's file name in an export folder. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper READER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public QnnModelManifest {
        if (hetschedVersion == null || model == null || plan == null) throw new IllegalArgumentException("a manifest names its version, model and plan");
        chunkTokens = List.copyOf(chunkTokens);
        models = List.copyOf(models);
        if (models.isEmpty()) throw new IllegalArgumentException("a manifest lists at least one model");
        Set<String> names = new HashSet<>();
        for (Model m : models) {
            if (!names.add(m.name())) throw new IllegalArgumentException("model name " + m.name() + " appears twice");
        }
    }

    /**
     * One exported model.
     *
     * @param name        unique, letters, digits, '_' and '-' only, e.g. {@code ffn-c256}
     * @param file        the model file beside the manifest, {@code <name>.onnx}
     * @param onnxSha256  SHA-256 of that file, lower-case hex
     * @param subgraph    the plan subgraph whose tasks run it
     * @param chunkTokens the chunk size (tokens, the ops' m) it was made for
     * @param layers      decoder layers whose subgraph runs exactly these ops; empty for prologue and epilogue
     * @param ops         the ops, {@code ops.get(i).index() == i}
     * @param nodes       every ONNX node name, in graph order; node {@code op<i>.…} implements op i
     */
    public record Model(String name, String file, String onnxSha256, String subgraph, int chunkTokens, List<Integer> layers, List<ModelOp> ops,
                        List<String> nodes) {
        public Model {
            if (name == null || !name.matches("[A-Za-z0-9_\\-]+")) {
                throw new IllegalArgumentException("model name must be letters, digits, '_' or '-', got " + name);
            }
            if (file == null || file.isBlank() || subgraph == null || subgraph.isBlank() || onnxSha256 == null) {
                throw new IllegalArgumentException("model " + name + " needs a file, an ONNX hash and a subgraph");
            }
            if (chunkTokens < 1) throw new IllegalArgumentException("model " + name + ": chunk tokens must be >= 1, got " + chunkTokens);
            layers = List.copyOf(layers);
            ops = List.copyOf(ops);
            nodes = List.copyOf(nodes);
            if (ops.isEmpty()) throw new IllegalArgumentException("model " + name + " has no op");
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i).index() != i) throw new IllegalArgumentException("model " + name + ": op " + i + " has index " + ops.get(i).index());
            }
        }

        /**
         * The {@code op<i>.<label>} part the nodes of op i share, or {@code null} if op i has no node
         * (an op implemented by another op's nodes has none).
         */
        public String nodePrefix(int opIndex) {
            for (String node : nodes) {
                if (SubgraphModels.opIndex(node) != opIndex) continue;
                int first = node.indexOf('.');
                int second = node.indexOf('.', first + 1);
                return second < 0 ? node : node.substring(0, second);
            }
            return null;
        }

        /**
         * The name op {@code opIndex} goes by in the model's nodes (the {@code <label>} of
         * {@code op<i>.<label>}), or its op's label if it has no node: what messages call it.
         */
        public String opName(int opIndex) {
            String prefix = nodePrefix(opIndex);
            return prefix == null ? ops.get(opIndex).op().label() : prefix.substring(prefix.indexOf('.') + 1);
        }

        /**
         * Whether a node QNN profiled under {@code profiledName} is one of this model's: one of its
         * node names, or one with a suffix QNN appends after a '/'
         * ({@code op4.ffn_gate.dequantize_output/duplicated}). O(nodes).
         */
        public boolean hasProfiledNode(String profiledName) {
            int slash = profiledName.indexOf('/');
            return nodes.contains(slash < 0 ? profiledName : profiledName.substring(0, slash));
        }
    }

    /**
     * One op of a model.
     *
     * @param index its position: ONNX nodes {@code op<index>.…} implement it
     * @param op    what it is, its kind and shape ({@code batch × (m×k · k×n)}, element-wise kinds k = 1)
     * @param dtype the dtype the plan's NPU placement computes it in: the {@code costs} entry it prices
     */
    public record ModelOp(int index, Op op, DType dtype) {
        public ModelOp {
            if (index < 0 || op == null || dtype == null) throw new IllegalArgumentException("op " + index + " needs an op and a dtype");
        }
    }

    /** The model of this name, if any. */
    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The model names, in file order. */
    public List<String> names() {
        return models.stream().map(Model::name).toList();
    }

    /** This manifest as a JSON object, in the format {@link #read} reads. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.objectNode();
        root.put("format", FORMAT);
        root.put("hetschedVersion", hetschedVersion);
        root.put("model", model);
        root.put("plan", plan);
        ArrayNode chunks = root.putArray("chunkTokens");
        chunkTokens.forEach(chunks::add);
        root.put("seed", seed);
        ArrayNode list = root.putArray("models");
        for (Model m : models) {
            ObjectNode node = list.addObject();
            node.put("name", m.name());
            node.put("file", m.file());
            node.put("onnxSha256", m.onnxSha256());
            node.put("subgraph", m.subgraph());
            node.put("chunkTokens", m.chunkTokens());
            ArrayNode layers = node.putArray("layers");
            m.layers().forEach(layers::add);
            ArrayNode ops = node.putArray("ops");
            for (ModelOp o : m.ops()) {
                ObjectNode op = ops.addObject().put("index", o.index()).put("label", o.op().label());
                if (o.op().step() != OpStep.PROBE) {
                    op.put("step", o.op().step().name()).put("layer", o.op().layer());
                    if (o.op().corrects() != null) op.put("corrects", o.op().corrects().name());
                    ArrayNode reads = op.putArray("reads");
                    o.op().reads().forEach(t -> reads.add(t.toString()));
                    ArrayNode writes = op.putArray("writes");
                    o.op().writes().forEach(t -> writes.add(t.toString()));
                }
                op.put("kind", o.op().kind().name()).put("dtype", o.dtype().name()).put("batch", o.op().batch()).put("m", o.op().m())
                        .put("k", o.op().k()).put("n", o.op().n());
            }
            ArrayNode nodes = node.putArray("nodes");
            m.nodes().forEach(nodes::add);
        }
        return root;
    }

    /** Writes {@link #toJson} as indented JSON to {@code out}, which stays open. */
    public void write(OutputStream out) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, toJson());
    }

    /**
     * Reads a manifest: the file, or {@value #FILE_NAME} in it if {@code path} is a folder.
     *
     * @throws UserInputException naming the file, and for content problems every field path with
     *     what is wrong, if it is missing, unreadable, not JSON or not a valid manifest
     */
    public static QnnModelManifest read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such manifest file (hetsched profile export-models writes " + FILE_NAME + ")");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the manifest: " + IoFailure.reason(e), e);
        }
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new UserInputException(file + ": " + where + "malformed JSON: " + JsonSupport.parserMessage(e));
        }
        return new Reader(file).manifest(root);
    }

    /** One manifest read; collects every problem. Single-threaded. */
    private static final class Reader {
        private final Path file;
        private final List<String> problems = new ArrayList<>();

        Reader(Path file) {
            this.file = file;
        }

        QnnModelManifest manifest(JsonNode root) {
            if (root == null || !root.isObject()) throw new UserInputException(file + ": $: expected a JSON object (a " + FORMAT + " manifest)");
            keys(root, "$", "format", "hetschedVersion", "model", "plan", "chunkTokens", "seed", "models");
            String format = text(root, "$", "format");
            if (format != null && !format.equals(FORMAT)) problems.add("$.format: expected \"" + FORMAT + "\", got \"" + format + "\"");
            String version = text(root, "$", "hetschedVersion");
            String model = text(root, "$", "model");
            String plan = text(root, "$", "plan");
            List<Integer> chunks = new ArrayList<>();
            JsonNode chunkArray = array(root, "$", "chunkTokens");
            if (chunkArray != null) {
                for (int i = 0; i < chunkArray.size(); i++) chunks.add(positive(chunkArray.get(i), "$.chunkTokens[" + i + "]"));
            }
            JsonNode seedNode = root.get("seed");
            long seed = 0;
            if (seedNode == null) {
                problems.add("$.seed: missing");
            } else if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber()) {
                problems.add("$.seed: expected an integer, got " + seedNode);
            } else {
                seed = seedNode.asLong();
            }
            List<Model> models = new ArrayList<>();
            JsonNode modelArray = array(root, "$", "models");
            Set<String> names = new HashSet<>();
            if (modelArray != null) {
                if (modelArray.isEmpty()) problems.add("$.models: lists no model");
                for (int i = 0; i < modelArray.size(); i++) {
                    Model m = model(modelArray.get(i), "$.models[" + i + "]");
                    if (m == null) continue;
                    if (!names.add(m.name())) {
                        problems.add("$.models[" + i + "].name: \"" + m.name() + "\" appears twice");
                    } else {
                        models.add(m);
                    }
                }
            }
            if (!problems.isEmpty()) throw new UserInputException(file + ": " + String.join("; ", problems));
            return new QnnModelManifest(version, model, plan, chunks, seed, models);
        }

        private Model model(JsonNode node, String path) {
            if (!node.isObject()) {
                problems.add(path + ": expected an object");
                return null;
            }
            int before = problems.size();
            keys(node, path, "name", "file", "onnxSha256", "subgraph", "chunkTokens", "layers", "ops", "nodes");
            String name = text(node, path, "name");
            if (name != null && !name.matches("[A-Za-z0-9_\\-]+")) {
                problems.add(path + ".name: \"" + name + "\" may hold only letters, digits, '_' and '-'");
            }
            String file = text(node, path, "file");
            String sha = text(node, path, "onnxSha256");
            String subgraph = text(node, path, "subgraph");
            int chunk = positive(node.get("chunkTokens"), path + ".chunkTokens");
            List<Integer> layers = new ArrayList<>();
            JsonNode layerArray = array(node, path, "layers");
            if (layerArray != null) {
                for (int i = 0; i < layerArray.size(); i++) {
                    JsonNode l = layerArray.get(i);
                    if (!l.isInt() || l.asInt() < 0) {
                        problems.add(path + ".layers[" + i + "]: expected an integer >= 0, got " + l);
                    } else {
                        layers.add(l.asInt());
                    }
                }
            }
            List<ModelOp> ops = new ArrayList<>();
            JsonNode opArray = array(node, path, "ops");
            if (opArray != null) {
                if (opArray.isEmpty()) problems.add(path + ".ops: lists no op");
                for (int i = 0; i < opArray.size(); i++) {
                    ModelOp op = op(opArray.get(i), path + ".ops[" + i + "]", i);
                    if (op != null) ops.add(op);
                }
            }
            List<String> nodes = new ArrayList<>();
            JsonNode nodeArray = array(node, path, "nodes");
            if (nodeArray != null) {
                for (int i = 0; i < nodeArray.size(); i++) {
                    JsonNode n = nodeArray.get(i);
                    if (!n.isTextual() || n.asText().isEmpty()) {
                        problems.add(path + ".nodes[" + i + "]: expected a node name, got " + n);
                    } else {
                        nodes.add(n.asText());
                    }
                }
            }
            for (String n : nodes) {
                int index = SubgraphModels.opIndex(n);
                if (index >= ops.size() && opArray != null && ops.size() == opArray.size()) {
                    problems.add(path + ".nodes: node \"" + n + "\" names op " + index + " but the model has " + ops.size() + " ops");
                }
            }
            if (problems.size() > before) return null;
            return new Model(name, file, sha, subgraph, chunk, layers, ops, nodes);
        }

        private ModelOp op(JsonNode node, String path, int position) {
            if (!node.isObject()) {
                problems.add(path + ": expected an object");
                return null;
            }
            int before = problems.size();
            keys(node, path, "index", "label", "step", "layer", "corrects", "reads", "writes", "kind", "dtype", "batch", "m", "k", "n");
            JsonNode indexNode = node.get("index");
            if (indexNode == null || !indexNode.isInt() || indexNode.asInt() != position) {
                problems.add(path + ".index: expected " + position + " (ops are listed in order), got " + indexNode);
            }
            OpKind kind = name(OpKind.class, text(node, path, "kind"), path + ".kind", "op kind");
            DType dtype = name(DType.class, text(node, path, "dtype"), path + ".dtype", "dtype");
            int batch = positive(node.get("batch"), path + ".batch");
            int m = positive(node.get("m"), path + ".m");
            int k = positive(node.get("k"), path + ".k");
            int n = positive(node.get("n"), path + ".n");
            if (kind != null && !kind.matmul() && k != 1) problems.add(path + ".k: element-wise kind " + kind + " has k = 1, got " + k);
            boolean typed = node.has("step");
            OpStep step = typed ? name(OpStep.class, text(node, path, "step"), path + ".step", "op step") : null;
            OpStep corrects = node.has("corrects") ? name(OpStep.class, text(node, path, "corrects"), path + ".corrects", "op step") : null;
            int layer = -1;
            if (typed) {
                JsonNode l = node.get("layer");
                if (l == null || !l.isInt() || l.asInt() < -1) problems.add(path + ".layer: expected an integer >= -1, got " + l);
                else layer = l.asInt();
            }
            List<TensorRef> reads = typed ? tensors(node, path, "reads") : List.of();
            List<TensorRef> writes = typed ? tensors(node, path, "writes") : List.of();
            if (problems.size() > before) return null;
            if (!typed) return new ModelOp(position, Op.probe(kind, batch, m, k, n), dtype);
            try {
                return new ModelOp(position, new Op(kind, step, layer, corrects, reads, writes, batch, m, k, n), dtype);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
                return null;
            }
        }

        private void keys(JsonNode node, String path, String... allowed) {
            List<String> known = Arrays.asList(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) problems.add(path + "." + key + ": unknown field (allowed here: " + String.join(", ", known) + ")");
            }
        }

        /** Tensor references such as {@code "Q@3"} or {@code "HIDDEN"} ({@link TensorRef#toString()}). */
        private List<TensorRef> tensors(JsonNode parent, String path, String key) {
            JsonNode array = array(parent, path, key);
            List<TensorRef> out = new ArrayList<>();
            if (array == null) return out;
            for (int i = 0; i < array.size(); i++) {
                String where = path + "." + key + "[" + i + "]";
                JsonNode v = array.get(i);
                try {
                    if (!v.isTextual()) throw new IllegalArgumentException("expected a tensor such as \"Q@3\" or \"HIDDEN\", got " + v);
                    out.add(TensorRef.parse(v.asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
            return out;
        }

        private String text(JsonNode parent, String path, String key) {
            JsonNode v = parent.get(key);
            if (v == null) {
                problems.add(path + "." + key + ": missing");
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                problems.add(path + "." + key + ": expected a non-empty string, got " + v);
                return null;
            }
            return v.asText();
        }

        private JsonNode array(JsonNode parent, String path, String key) {
            JsonNode v = parent.get(key);
            if (v == null) {
                problems.add(path + "." + key + ": missing");
                return null;
            }
            if (!v.isArray()) {
                problems.add(path + "." + key + ": expected an array, got " + v);
                return null;
            }
            return v;
        }

        private int positive(JsonNode v, String path) {
            if (v == null) {
                problems.add(path + ": missing");
                return 1;
            }
            if (!v.isInt() || v.asInt() < 1) {
                problems.add(path + ": expected an integer >= 1, got " + v);
                return 1;
            }
            return v.asInt();
        }

        private <E extends Enum<E>> E name(Class<E> type, String text, String path, String what) {
            if (text == null) return null;
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": unknown " + what + " '" + text + "' (expected " + String.join(", ",
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
                return null;
            }
        }
    }
}
