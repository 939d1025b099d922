package org.hetsched.backend.host;

import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;

/**
 * The model of a prefill graph, for callers that hand the host backend a graph without its
 * {@link ModelSpec}: a graph built from a partition plan keeps its {@link PrefillConfig}, hence its
 * model. Stateless.
 */
final class GraphModels {
    private GraphModels() {
    }

    /**
     * @throws UserInputException if the graph did not come from a partition plan (so it has no model)
     */
    static ModelSpec of(TaskGraph graph) {
        return graph.prefill().map(PrefillConfig::model).orElseThrow(() -> new UserInputException("graph " + graph.name()
                + " is not a prefill graph built from a partition plan, so it names no model; give the host backend the model"));
    }
}
