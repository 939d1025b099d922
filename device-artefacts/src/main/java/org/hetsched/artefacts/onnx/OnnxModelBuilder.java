package org.hetsched.artefacts.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX model ({@code ModelProto}, IR version {@value #IR_VERSION}, default-domain opset
 * {@value #OPSET}) from graph inputs and outputs with static shapes, initializers and nodes, and
 * encodes it with {@link ProtoWriter}, so no ONNX or protobuf library is needed.
 *
 * <p>Nodes must be added in a topological order (ONNX requires it): every node input must be a
 * graph input, an initializer or an output of an earlier node. {@link #build} checks that, and that
 * names are unique, and reports every problem at once.
 *
 * <p>Field numbers are those of onnx.proto: ModelProto ir_version = 1, producer_name = 2,
 * graph = 7, opset_import = 8; GraphProto node = 1, name = 2, initializer = 5, input = 11,
 * output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7;
 * ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1 (elem_type = 1, shape = 2);
 * TensorShapeProto dim = 1 (dim_value = 1); OperatorSetIdProto domain = 1, version = 2.
 *
 * <p>Mutable and single-threaded; holds every initializer until {@link #build}, so memory is the
 * model's size, twice while encoding.
 */
public final class OnnxModelBuilder {
    /** ONNX IR version 10 (ONNX 1.16 and later), which ONNX Runtime 1.17 and later loads. */
    public static final long IR_VERSION = 10;
    /** Default-domain opset 21: ReduceMean takes its axes as an input, QuantizeLinear accepts INT8/UINT8. */
    public static final long OPSET = 21;
    private static final String PRODUCER = "hetsched";

    private final String graphName;
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    public OnnxModelBuilder(String graphName) {
        if (graphName == null || graphName.isBlank()) throw new IllegalArgumentException("an ONNX graph needs a name");
        this.graphName = graphName;
    }

    /** A graph input with a static shape, every dimension &gt; 0. */
    public OnnxModelBuilder input(String name, OnnxDataType type, long... dims) {
        inputs.add(new ValueInfo(name, type, dims.clone()));
        return this;
    }

    /** A graph output with a static shape, every dimension &gt; 0. */
    public OnnxModelBuilder output(String name, OnnxDataType type, long... dims) {
        outputs.add(new ValueInfo(name, type, dims.clone()));
        return this;
    }

    public OnnxModelBuilder initializer(Initializer tensor) {
        if (initializers.putIfAbsent(tensor.name(), tensor) != null) {
            throw new OnnxModelException(graphName, List.of("initializer " + tensor.name() + " is added twice"));
        }
        return this;
    }

    /** Whether an initializer of this name was added (so shared constants are added once). */
    public boolean hasInitializer(String name) {
        return initializers.containsKey(name);
    }

    /**
     * A node of the default domain.
     *
     * @param inputs tensor names; an empty string leaves an optional input out
     */
    public OnnxModelBuilder node(String opType, String name, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
        nodes.add(new Node(opType, name, List.copyOf(inputs), List.copyOf(outputs), List.of(attributes)));
        return this;
    }

    public String graphName() {
        return graphName;
    }

    /** Nodes added so far. */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * Checks the graph and encodes the model.
     *
     * @throws OnnxModelException listing every problem: a duplicate or blank name, a node input
     *     defined nowhere before it, a graph output no node produces, a non-positive input or
     *     output dimension, no output
     */
    public byte[] build() {
        List<String> problems = check();
        if (!problems.isEmpty()) throw new OnnxModelException(graphName, problems);
        ProtoWriter graph = new ProtoWriter();
        for (Node n : nodes) graph.message(1, n.encode());
        graph.string(2, graphName);
        for (Initializer t : initializers.values()) graph.message(5, t.encode());
        for (ValueInfo v : inputs) graph.message(11, v.encode());
        for (ValueInfo v : outputs) graph.message(12, v.encode());
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, PRODUCER)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    private List<String> check() {
        List<String> problems = new ArrayList<>();
        Set<String> defined = new HashSet<>();
        for (ValueInfo v : inputs) {
            checkValue("input", v, problems);
            if (!defined.add(v.name)) problems.add("tensor " + v.name + " is defined twice");
        }
        for (String name : initializers.keySet()) {
            if (!defined.add(name)) problems.add("tensor " + name + " is defined twice");
        }
        Set<String> nodeNames = new HashSet<>();
        for (Node n : nodes) {
            if (n.name == null || n.name.isBlank()) problems.add("a " + n.opType + " node has no name");
            else if (!nodeNames.add(n.name)) problems.add("node name " + n.name + " is used twice");
            if (n.opType == null || n.opType.isBlank()) problems.add("node " + n.name + " has no op type");
            for (String in : n.inputs) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    problems.add("node " + n.name + " reads " + in + ", which no graph input, initializer or earlier node defines");
                }
            }
            if (n.outputs.isEmpty()) problems.add("node " + n.name + " has no output");
            for (String out : n.outputs) {
                if (out.isBlank()) problems.add("node " + n.name + " has a blank output name");
                else if (!defined.add(out)) problems.add("tensor " + out + " (output of node " + n.name + ") is defined twice");
            }
        }
        if (outputs.isEmpty()) problems.add("the graph has no output");
        Set<String> outputNames = new HashSet<>();
        for (ValueInfo v : outputs) {
            checkValue("output", v, problems);
            if (!outputNames.add(v.name)) problems.add("output " + v.name + " is listed twice");
            if (!defined.contains(v.name)) problems.add("output " + v.name + " is produced by no node");
        }
        return problems;
    }

    private static void checkValue(String what, ValueInfo v, List<String> problems) {
        if (v.name == null || v.name.isBlank()) problems.add("an " + what + " has no name");
        if (v.type == null) problems.add(what + " " + v.name + " has no element type");
        for (long d : v.dims) {
            if (d <= 0) {
                problems.add(what + " " + v.name + " has a non-positive dimension: " + Arrays.toString(v.dims));
                break;
            }
        }
    }

    private record ValueInfo(String name, OnnxDataType type, long[] dims) {
        /** ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: {dim: {dim_value}}}}}. */
        ProtoWriter encode() {
            ProtoWriter shape = new ProtoWriter();
            for (long d : dims) shape.message(1, new ProtoWriter().varint(1, d));
            ProtoWriter tensorType = new ProtoWriter().varint(1, type.code()).message(2, shape);
            return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
        }
    }

    private record Node(String opType, String name, List<String> inputs, List<String> outputs, List<OnnxAttribute> attributes) {
        ProtoWriter encode() {
            ProtoWriter n = new ProtoWriter();
            for (String in : inputs) n.string(1, in);
            for (String out : outputs) n.string(2, out);
            n.string(3, name).string(4, opType);
            for (OnnxAttribute a : attributes) n.message(5, a.encode());
            return n;
        }
    }
}
