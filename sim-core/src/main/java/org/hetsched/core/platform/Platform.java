package org.hetsched.core.platform;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.ProcessorKind;

/**
 * The processors of one SoC, indexed by dense id.
 *
 * @param name       device name, e.g. "sd8gen3"
 * @param processors processors in id order
 */
public record Platform(String name, List<Processor> processors) {

    public Platform {
        processors = List.copyOf(processors);
        if (processors.isEmpty()) throw new IllegalArgumentException("platform " + name + " has no processor");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < processors.size(); i++) {
            Processor p = processors.get(i);
            if (p.id() != i) throw new IllegalArgumentException("processor " + p.name() + " has id " + p.id() + ", expected " + i);
            if (!names.add(p.name())) throw new IllegalArgumentException("duplicate processor name " + p.name());
        }
    }

    public int size() {
        return processors.size();
    }

    public Processor processor(int id) {
        return processors.get(id);
    }

    /** Processors of this kind, in id order (possibly none). */
    public List<Processor> ofKind(ProcessorKind kind) {
        return processors.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The processor with this name, or {@code null}. */
    public Processor byName(String processorName) {
        for (Processor p : processors) {
            if (p.name().equals(processorName)) return p;
        }
        return null;
    }
}
