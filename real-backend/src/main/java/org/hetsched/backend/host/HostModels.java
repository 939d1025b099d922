package org.hetsched.backend.host;

import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;

/**
 * Small synthetic models for the host backend (data file {@code host-models.tsv}, "synthetic, for
 * tests"): {@code host-tiny} (grouped-query attention, gated SiLU, RMSNorm), {@code host-tiny-parallel}
 * (Phi-2 style parallel attention and GELU MLP, LayerNorm), {@code host-tiny-window}
 * (sliding-window, multi-query, GeGLU), {@code host-balanced} (shapes that keep the float and
 * INT8 lanes about equally busy under llm.npu, for the {@code balanced} validation workload) and
 * {@code host-stream} (shaped so that both lanes stream memory at once, a contention workload).
 * They are not the paper's models, which live in sim-core's catalog; their weights come from a
 * seed like every model's on this backend.
 *
 * <p>Stateless; the file is read on each call, by the catalog's own parser (same columns as {@code models.tsv}).
 */
public final class HostModels {
    private static final String RESOURCE = "host-models.tsv";

    private HostModels() {
    }

    /** Every synthetic model, in file order. */
    public static List<ModelSpec> all() {
        return read().models();
    }

    /** Names in file order. */
    public static List<String> names() {
        return read().names();
    }

    /**
     * The synthetic model called {@code name}.
     *
     * @throws UnknownNameException listing the synthetic models
     */
    public static ModelSpec get(String name) {
        ModelCatalog models = read();
        if (!models.contains(name)) throw new UnknownNameException("host model", name, models.names());
        return models.get(name);
    }

    /** The default test model, {@code host-tiny}. */
    public static ModelSpec tiny() {
        return get("host-tiny");
    }

    private static ModelCatalog read() {
        return ModelCatalog.fromResource(HostModels.class, RESOURCE);
    }
}
