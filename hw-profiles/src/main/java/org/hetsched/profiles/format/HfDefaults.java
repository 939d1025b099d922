package org.hetsched.profiles.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values Hugging Face transformers uses for config keys a {@code config.json} may omit, per
 * {@code model_type}: data file {@code hf-defaults.tsv}, which names the configuration classes
 * they come from. Stateless; the file is read once.
 */
final class HfDefaults {
    private static final String RESOURCE = "hf-defaults.tsv";
    private static final Map<String, Entry> BY_TYPE = read();

    /**
     * @param normEpsilonKey the config key holding the norm epsilon for this type
     * @param normEpsilon    its default
     * @param ropeTheta      the default {@code rope_theta}
     */
    record Entry(String normEpsilonKey, double normEpsilon, double ropeTheta) {
    }

    private HfDefaults() {
    }

    /** @throws IllegalStateException if the data file has no row for {@code modelType} (a supported type must have one) */
    static Entry forType(String modelType) {
        Entry e = BY_TYPE.get(modelType);
        if (e == null) throw new IllegalStateException(RESOURCE + " has no row for model_type " + modelType);
        return e;
    }

    private static Map<String, Entry> read() {
        try (InputStream in = HfDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Entry> out = new LinkedHashMap<>();
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
                if (f.length != 4) throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": expected 4 columns, found " + f.length);
                out.put(f[0], new Entry(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
    }
}
