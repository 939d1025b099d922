package org.hetsched.profiles.format;

import java.util.List;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;

/**
 * The measured points of one (processor, op kind, dtype).
 *
 * @param processor the processor's name in the profile
 * @param points    at least one, in file order
 */
public record MeasuredCosts(String processor, OpKind kind, DType dtype, List<CostPoint> points) {

    public MeasuredCosts {
        if (processor == null || kind == null || dtype == null) {
            throw new IllegalArgumentException("measured costs need processor, op kind and dtype");
        }
        points = List.copyOf(points);
        if (points.isEmpty()) throw new IllegalArgumentException("measured costs of " + processor + " " + kind + "/" + dtype + " have no point");
    }
}
