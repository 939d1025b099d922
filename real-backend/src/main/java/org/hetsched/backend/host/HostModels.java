package org.hetsched.backend.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.model.FfnKind;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.model.NormKind;

/**
 * Small synthetic models for the host backend (data file {@code host-models.tsv}, "synthetic, for
 * tests"): {@code host-tiny} (grouped-query attention, gated SiLU, RMSNorm), {@code host-tiny-parallel}
 * (Phi-2 style parallel attention and GELU MLP, LayerNorm) and {@code host-tiny-window}
 * (sliding-window, multi-query, GeGLU). They are not the paper's models, which live in sim-core's
 * catalog; their weights come from a seed like every model's on this backend.
 *
 * <p>Stateless; the file is read on each call.
 */
public final class HostModels {
    private static final String RESOURCE = "host-models.tsv";
    private static final int COLUMNS = 15;

    private HostModels() {
    }

    /** Every synthetic model, in file order. */
    public static List<ModelSpec> all() {
        return List.copyOf(read().values());
    }

    /** Names in file order. */
    public static List<String> names() {
        return List.copyOf(read().keySet());
    }

    /**
     * The synthetic model called {@code name}.
     *
     * @throws UnknownNameException listing the synthetic models
     */
    public static ModelSpec get(String name) {
        Map<String, ModelSpec> models = read();
        ModelSpec spec = models.get(name);
        if (spec == null) throw new UnknownNameException("host model", name, List.copyOf(models.keySet()));
        return spec;
    }

    /** The default test model, {@code host-tiny}. */
    public static ModelSpec tiny() {
        return get("host-tiny");
    }

    private static Map<String, ModelSpec> read() {
        try (InputStream in = HostModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, ModelSpec> models = new LinkedHashMap<>();
            boolean header = false;
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (!header) {
                    header = true;
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != COLUMNS) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": expected " + COLUMNS + " columns, found " + f.length);
                }
                ModelSpec spec = new ModelSpec(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), FfnKind.valueOf(f[7]),
                        NormKind.valueOf(f[8]), Boolean.parseBoolean(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]),
                        Integer.parseInt(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]));
                models.put(spec.name(), spec);
            }
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
    }
}
