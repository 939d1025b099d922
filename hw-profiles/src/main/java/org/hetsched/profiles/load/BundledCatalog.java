package org.hetsched.profiles.load;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hetsched.core.UserInputException;

/**
 * What every catalog is: items bundled as JSON resources, parsed and validated once, looked up
 * by name, with any other name tried as a path to a user's file. Immutable; thread-safe.
 *
 * @param <T> the item type
 */
final class BundledCatalog<T> {
    private final String kind;
    private final Map<String, T> items;
    private final Function<Path, T> fileReader;
    private final Function<T, String> description;

    private BundledCatalog(String kind, Map<String, T> items, Function<Path, T> fileReader,
                           Function<T, String> description) {
        this.kind = kind;
        this.items = Collections.unmodifiableMap(items);
        this.fileReader = fileReader;
        this.description = description;
    }

    /**
     * Parses the bundled {@code folder/<name>.json} of every name.
     *
     * @param kind         what the items are, for messages ("device", "plan")
     * @param parser       (json text, file name) → item, throwing {@link UserInputException} on bad input
     * @param fileReader   reads a user's file
     * @throws IllegalStateException if a bundled file is missing or invalid: the jar is broken
     */
    static <T> BundledCatalog<T> load(String kind, Class<?> anchor, String folder, List<String> names,
                                      BiFunction<String, String, T> parser, Function<Path, T> fileReader,
                                      Function<T, String> description) {
        Map<String, T> items = new LinkedHashMap<>();
        for (String name : names) {
            String resource = folder + "/" + name + ".json";
            try {
                items.put(name, parser.apply(Resolution.bundled(anchor, resource), resource));
            } catch (UserInputException e) {
                throw new IllegalStateException("bundled " + kind + " is invalid:\n" + e.getMessage(), e);
            }
        }
        return new BundledCatalog<>(kind, items, fileReader, description);
    }

    List<String> names() {
        return List.copyOf(items.keySet());
    }

    Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        items.forEach((name, item) -> descriptions.put(name, description.apply(item)));
        return Collections.unmodifiableMap(descriptions);
    }

    boolean contains(String name) {
        return items.containsKey(name);
    }

    T get(String nameOrPath) {
        T builtIn = items.get(nameOrPath);
        if (builtIn != null) return builtIn;
        Path file = Resolution.existingPath(nameOrPath);
        if (file == null) throw Resolution.notFound(kind, nameOrPath, names());
        return fileReader.apply(file);
    }
}
