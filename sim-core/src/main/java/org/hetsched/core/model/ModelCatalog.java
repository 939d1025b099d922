package org.hetsched.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UnknownNameException;

/**
 * The built-in models, read from the data file {@code models.tsv} (which names its sources).
 *
 * <p>Immutable and safe to share between threads. Lookup is by exact, case-sensitive name.
 */
public final class ModelCatalog {
    private static final String RESOURCE = "models.tsv";
    private static final int COLUMNS = 15;

    private final Map<String, ModelSpec> models;

    private ModelCatalog(Map<String, ModelSpec> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    /** The catalog bundled with hetsched. */
    public static ModelCatalog builtIn() {
        return fromResource(ModelCatalog.class, RESOURCE);
    }

    /**
     * A catalog read from a class-path resource in the format of {@code models.tsv}: '#' comment
     * lines, one header line, then one tab-separated row of {@value #COLUMNS} columns per model.
     *
     * @param anchor   the class the resource name is relative to
     * @param resource the resource name, e.g. {@code models.tsv}
     * @throws IllegalStateException if the resource is missing or a row does not parse (naming its line)
     */
    public static ModelCatalog fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + resource + " is missing from the jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }

    private static ModelCatalog parse(BufferedReader reader, String resource) throws IOException {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) continue;
            if (!headerSeen) {
                headerSeen = true;
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != COLUMNS) {
                throw new IllegalStateException(resource + ":" + lineNumber + ": expected " + COLUMNS
                        + " tab-separated columns, found " + f.length);
            }
            ModelSpec spec = new ModelSpec(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), FfnKind.valueOf(f[7]), NormKind.valueOf(f[8]),
                    Boolean.parseBoolean(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]),
                    Integer.parseInt(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]));
            models.put(spec.name(), spec);
        }
        return new ModelCatalog(models);
    }

    /** Catalog names in file order. */
    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    /** All models in file order. */
    public List<ModelSpec> models() {
        return List.copyOf(models.values());
    }

    /**
     * The model with this name.
     *
     * @throws UnknownNameException if there is none; the message lists the catalog
     */
    public ModelSpec get(String name) {
        ModelSpec spec = models.get(name);
        if (spec == null) throw new UnknownNameException("model", name, names());
        return spec;
    }

    public boolean contains(String name) {
        return models.containsKey(name);
    }

}
