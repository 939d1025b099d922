package org.hetsched.core.platform;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.ProcessorKind;

/**
 * One processor: it runs one subgraph at a time and is never preempted (the paper's Eq. 4).
 *
 * @param id     dense id within its platform, 0-based
 * @param name   stable name, e.g. "npu"
 * @param kind   what partition plans address it by
 * @param dtypes dtypes it can compute in, iterated in {@link DType} order (not hash order, so what is
 *               derived from it is the same on every run)
 */
public record Processor(int id, String name, ProcessorKind kind, Set<DType> dtypes) {

    public Processor {
        EnumSet<DType> copy = EnumSet.noneOf(DType.class);
        copy.addAll(dtypes);
        dtypes = Collections.unmodifiableSet(copy);
        if (id < 0) throw new IllegalArgumentException("processor id must be >= 0, got " + id);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("processor name is empty");
        if (kind == null) throw new IllegalArgumentException("processor " + name + " has no kind");
    }
}
