package org.hetsched.profiles.load;

import java.util.List;
import java.util.Map;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.profiles.format.PlanFormatException;
import org.hetsched.profiles.format.PlanReader;

/**
 * The partition plans hetsched knows by name — {@code llm.npu}, {@code llm.npu+gpu},
 * {@code cpu-only}, {@code gpu-only}, {@code npu-naive} — plus any plan file by path.
 *
 * <p>The built-in ones are bundled JSON files, parsed and validated once. Immutable and safe to
 * share between threads.
 */
public final class PlanCatalog {
    /** Built-in names in listing order; each is a bundled {@code plans/<name>.json}. */
    private static final List<String> BUILT_IN = List.of("llm.npu", "llm.npu+gpu", "cpu-only", "gpu-only", "npu-naive");

    private final BundledCatalog<PartitionPlan> catalog;

    private PlanCatalog(BundledCatalog<PartitionPlan> catalog) {
        this.catalog = catalog;
    }

    /** The catalog of bundled plans. */
    public static PlanCatalog builtIn() {
        return Holder.INSTANCE;
    }

    /** Loaded on first use; the JVM's class initialisation makes it thread-safe. */
    private static final class Holder {
        static final PlanCatalog INSTANCE = new PlanCatalog(BundledCatalog.load("plan", PlanCatalog.class, "plans", BUILT_IN,
                PlanReader::parse, PlanReader::read, PartitionPlan::description));
    }

    /** Built-in names, in listing order. */
    public List<String> names() {
        return catalog.names();
    }

    /** Built-in name → one-line description, in listing order. */
    public Map<String, String> descriptions() {
        return catalog.descriptions();
    }

    /** Whether {@code name} is a built-in name. */
    public boolean contains(String name) {
        return catalog.contains(name);
    }

    /**
     * A built-in plan by name, or else the plan file at that path.
     *
     * @throws UnknownNameException if it is neither a built-in name nor an existing path
     * @throws PlanFormatException if the file is not valid
     * @throws UserInputException   if the file cannot be read
     */
    public PartitionPlan get(String nameOrPath) {
        return catalog.get(nameOrPath);
    }
}
