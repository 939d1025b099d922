package org.hetsched.reports.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one targets file, in file order, every one checked by {@link TargetReader}. Immutable.
 *
 * @param file    the file as the user named it (or the built-in set's name)
 * @param targets the rows, ids unique
 */
public record TargetSet(String file, List<Target> targets) {

    public TargetSet {
        targets = List.copyOf(targets);
    }

    /** Rows by id, in file order. */
    public Map<String, Target> byId() {
        Map<String, Target> byId = new LinkedHashMap<>();
        for (Target t : targets) byId.put(t.id(), t);
        return byId;
    }
}
