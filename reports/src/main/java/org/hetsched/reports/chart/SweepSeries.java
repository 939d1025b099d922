package org.hetsched.reports.chart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.hetsched.reports.sweep.SweepRow;

/** Sweep rows grouped into the lines of a chart. */
final class SweepSeries {
    private SweepSeries() {
    }

    /**
     * One line per distinct {@code key}, in order of first appearance, each a map from x to the
     * metric, sorted by x.
     *
     * @param xName what x is, for the error message
     * @throws IllegalArgumentException if {@code rows} is empty, or two rows give one line two
     *                                  points at the same x
     */
    static Map<String, SortedMap<Integer, Double>> of(List<SweepRow> rows, Function<SweepRow, String> key,
                                                      ToIntFunction<SweepRow> x, String xName, SweepMetric metric) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no sweep rows to chart");
        Map<String, SortedMap<Integer, Double>> lines = new LinkedHashMap<>();
        Map<String, Map<Integer, Integer>> rowOf = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            SweepRow row = rows.get(i);
            String line = key.apply(row);
            int at = x.applyAsInt(row);
            Integer earlier = rowOf.computeIfAbsent(line, l -> new LinkedHashMap<>()).putIfAbsent(at, i);
            if (earlier != null) {
                throw new IllegalArgumentException("rows " + earlier + " and " + i + " both give line '" + line + "' a point at "
                        + xName + " " + at + "; filter the rows or choose a series key that tells them apart");
            }
            lines.computeIfAbsent(line, l -> new TreeMap<>()).put(at, metric.of(row));
        }
        return lines;
    }
}
