package org.hetsched.profiles.load;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * <p>The built-in plans are bundled JSON files, parsed and validated once. Immutable and safe to
 * share between threads.
 */
public final class PlanCatalog {
    /** Built-in names in listing order; each is a bundled {@code plans/<name>.json}. */
    private static final List<String> BUILT_IN = List.of("llm.npu", "llm.npu+gpu", "cpu-only", "gpu-only", "npu-naive");

    private final Map<String, PartitionPlan> plans;

    private PlanCatalog(Map<String, PartitionPlan> plans) {
        this.plans = Collections.unmodifiableMap(plans);
    }

    /** The catalog of bundled plans. */
    public static PlanCatalog builtIn() {
        return Holder.INSTANCE;
    }

    /** Loaded on first use; the JVM's class initialisation makes it thread-safe. */
    private static final class Holder {
        static final PlanCatalog INSTANCE = load();

        private static PlanCatalog load() {
            Map<String, PartitionPlan> plans = new LinkedHashMap<>();
            for (String name : BUILT_IN) {
                String resource = "plans/" + name + ".json";
                try {
                    plans.put(name, PlanReader.parse(Resolution.bundled(PlanCatalog.class, resource), resource));
                } catch (PlanFormatException e) {
                    throw new IllegalStateException("bundled plan is invalid:\n" + e.getMessage(), e);
                }
            }
            return new PlanCatalog(plans);
        }
    }

    /** Built-in names, in listing order. */
    public List<String> names() {
        return List.copyOf(plans.keySet());
    }

    /** Built-in name → one-line description, in listing order. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        plans.forEach((name, plan) -> descriptions.put(name, plan.description()));
        return Collections.unmodifiableMap(descriptions);
    }

    public boolean contains(String name) {
        return plans.containsKey(name);
    }

    /**
     * A built-in plan by name, or else the plan file at that path.
     *
     * @throws UnknownNameException if it is neither a built-in name nor an existing path
     * @throws PlanFormatException  if the file is not a valid plan
     * @throws UserInputException   if the file cannot be read
     */
    public PartitionPlan get(String nameOrPath) {
        PartitionPlan builtIn = plans.get(nameOrPath);
        if (builtIn != null) return builtIn;
        Path file = Resolution.existingPath(nameOrPath);
        if (file == null) throw new UnknownNameException("plan", nameOrPath, names());
        return PlanReader.read(file);
    }
}
