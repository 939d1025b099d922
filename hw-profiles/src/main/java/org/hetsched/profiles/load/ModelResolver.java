package org.hetsched.profiles.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.format.HfConfigLoader;

/**
 * Resolves what a user wrote for a model: a name in sim-core's {@link ModelCatalog}, a Hugging
 * Face {@code config.json}, or a model directory holding one.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ModelResolver {
    private final ModelCatalog catalog;

    /** A resolver over {@link ModelCatalog#builtIn()}. */
    public ModelResolver() {
        this(ModelCatalog.builtIn());
    }

    public ModelResolver(ModelCatalog catalog) {
        if (catalog == null) throw new IllegalArgumentException("catalog is required");
        this.catalog = catalog;
    }

    /** Catalog names, in catalog order. */
    public List<String> names() {
        return catalog.names();
    }

    /**
     * The catalog model of that name; else the config file at that path (a directory means its
     * {@code config.json}), read by {@link HfConfigLoader}.
     *
     * @throws UnknownNameException if it is neither a catalog name nor an existing path (a path that
     *                              does not exist is a {@link UserInputException} saying so)
     * @throws UserInputException   if the file cannot be read or is not a supported config
     */
    public ModelSpec resolve(String nameOrPath) {
        if (catalog.contains(nameOrPath)) return catalog.get(nameOrPath);
        Path path = Resolution.existingPath(nameOrPath);
        if (path == null) throw Resolution.notFound("model", nameOrPath, names());
        if (Files.isDirectory(path)) {
            Path config = path.resolve("config.json");
            if (!Files.exists(config)) {
                throw new UserInputException(path + ": is a directory without a config.json; give a model name or a config.json file");
            }
            return HfConfigLoader.load(config);
        }
        return HfConfigLoader.load(path);
    }
}
