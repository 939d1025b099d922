package org.hetsched.backend.host;

import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;

/**
 * Reads a model's architecture back from its prefill graph, for callers that hand the host
 * backend a graph without its {@link ModelSpec}. A graph is named after its model: if that name
 * is a synthetic host model ({@link HostModels}) or a model of sim-core's catalog and fits the
 * graph, it is used. (A model loaded from a config file is named after its directory, so it cannot
 * be found again: pass it to the backend instead.)
 * Otherwise the architecture comes from the op shapes, which show everything that shapes the
 * computation — layers, widths, heads, KV heads, FFN kind, parallel attention (no post-attention
 * norm), vocabulary, sliding window (contexts that stop growing) — except the norm kind, taken to
 * be RMSNorm. Stateless.
 */
final class GraphModels {
    private GraphModels() {
    }

    /**
     * @throws UserInputException if the graph lacks the ops that carry a dimension
     */
    static ModelSpec infer(TaskGraph graph) {
        String name = modelName(graph.name());
        try {
            ModelSpec named = HostModels.names().contains(name) ? HostModels.get(name) : ModelCatalog.builtIn().get(name);
            Dataflow.of(graph, named);
            return named;
        } catch (UserInputException e) {
            // no such model, or another model under that name: read the shapes instead
        }
        return fromShapes(graph, name);
    }

    /** "model/plan/promptN/chunkC" → "model" (the model part may itself be a path with slashes). */
    static String modelName(String graphName) {
        String name = graphName;
        for (int i = 0; i < 3; i++) {
            int slash = name.lastIndexOf('/');
            if (slash <= 0) break;
            name = name.substring(0, slash);
        }
        return name.isBlank() ? "graph" : name;
    }

    private static ModelSpec fromShapes(TaskGraph graph, String name) {
        int layers = 0;
        int hidden = 0;
        int heads = 0;
        int headDim = 0;
        int kvWidth = 0;
        int ffn = 0;
        int vocab = 0;
        FfnKind ffnKind = null;
        boolean postNorm = false;
        int window = 0;
        for (Task task : graph.tasks()) {
            layers = Math.max(layers, task.layer() + 1);
            for (Op op : task.ops()) {
                switch (op.label()) {
                    case "input_norm", "final_norm" -> hidden = op.n();
                    case "post_attention_norm" -> postNorm = true;
                    case "qk" -> {
                        heads = op.batch();
                        headDim = op.k();
                        int full = (task.chunk() + 1) * graph.chunkTokens();
                        if (op.n() < full) window = op.n() - graph.chunkTokens();
                    }
                    case "k_proj" -> kvWidth = op.n();
                    case "ffn_gate", "fc1" -> ffn = op.n();
                    case "swiglu" -> ffnKind = FfnKind.GATED_SILU;
                    case "geglu" -> ffnKind = FfnKind.GATED_GELU;
                    case "gelu" -> ffnKind = FfnKind.PLAIN_GELU;
                    case "lm_head" -> vocab = op.n();
                    default -> {
                        if (op.kind() == OpKind.EMBEDDING) hidden = op.n();
                    }
                }
            }
        }
        if (layers == 0 || hidden == 0 || heads == 0 || headDim == 0 || kvWidth == 0 || ffn == 0 || ffnKind == null
                || kvWidth % headDim != 0) {
            throw new UserInputException("graph " + graph.name() + " does not show a decoder's shapes (layers " + layers + ", hidden "
                    + hidden + ", heads " + heads + ", head dim " + headDim + ", K/V width " + kvWidth + ", FFN " + ffn + " " + ffnKind
                    + "); give the host backend the model explicitly");
        }
        int tokens = graph.chunks() * graph.chunkTokens();
        return new ModelSpec(name, layers, hidden, heads, kvWidth / headDim, headDim, ffn, ffnKind, NormKind.RMS_NORM, !postNorm,
                Math.max(1, vocab), Math.max(1, tokens), Math.max(0, window));
    }
}
