package org.hetsched.artefacts.onnx;

import java.util.List;

/** A graph handed to {@link OnnxModelBuilder} is not a valid ONNX graph; lists every problem found. */
public final class OnnxModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public OnnxModelException(String graph, List<String> problems) {
        super("ONNX graph " + graph + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
