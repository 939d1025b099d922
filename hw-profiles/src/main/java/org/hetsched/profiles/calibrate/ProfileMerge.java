package org.hetsched.profiles.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.profiles.format.ProfileJson;

/**
 * Writes new measured points into the JSON tree of a device profile (format: hw-profiles/README.md),
 * leaving every other number as it was written. Stateless.
 *
 * <p>A new point replaces a point of the same (batch, m, k, n) in its (processor, kind, dtype)
 * entry. Within one (batch, k, n) of an entry, latency may not fall as m grows (format rule 11): a
 * point of the base that would break that against a new point (a smaller m with a larger latency,
 * or a larger m with a smaller one) is dropped, so the new measurements win over older numbers of
 * the same shape family. The new points must already be non-decreasing in m among themselves.
 */
public final class ProfileMerge {
    private ProfileMerge() {
    }

    /** A point to write; {@code latencyMs} > 0. */
    public record NewPoint(OpKind kind, DType dtype, int batch, int m, int k, int n, double latencyMs) {
        String shape() {
            return batch + "x(" + m + "x" + k + " . " + k + "x" + n + ")";
        }
    }

    /**
     * What the merge took out of the base.
     *
     * @param replaced base points of the same shape as a new one, "KIND/DTYPE shape: latency ms (source)"
     * @param dropped  base points dropped to keep latency non-decreasing in m, same form
     */
    public record Outcome(List<String> replaced, List<String> dropped) {
        public Outcome {
            replaced = List.copyOf(replaced);
            dropped = List.copyOf(dropped);
        }
    }

    /** Adds {@code points} for {@code processor} to {@code root}'s {@code costs}, each with source {@code sourceId}. */
    public static Outcome addPoints(ObjectNode root, String processor, List<NewPoint> points, String sourceId) {
        Map<String, List<NewPoint>> byEntry = new LinkedHashMap<>();
        for (NewPoint p : points) byEntry.computeIfAbsent(p.kind() + "/" + p.dtype(), k -> new ArrayList<>()).add(p);
        List<String> replaced = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (List<NewPoint> group : byEntry.values()) {
            NewPoint first = group.get(0);
            ObjectNode entry = ProfileJson.findCostEntry(root, processor, first.kind(), first.dtype());
            if (entry == null) entry = ProfileJson.addCostEntry(root, processor, first.kind(), first.dtype(), sourceId);
            String entrySource = ProfileJson.entrySource(entry);
            ArrayNode existing = ProfileJson.points(entry);
            for (Iterator<JsonNode> it = existing.elements(); it.hasNext(); ) {
                ProfileJson.PointView old = ProfileJson.point(it.next(), entrySource);
                String what = first.kind() + "/" + first.dtype() + " "
                        + new NewPoint(first.kind(), first.dtype(), old.batch(), old.m(), old.k(), old.n(), old.latencyMs()).shape()
                        + ": " + old.latencyText() + " ms (source " + old.source() + ")";
                boolean same = false;
                boolean conflict = false;
                for (NewPoint p : group) {
                    if (p.batch() != old.batch() || p.k() != old.k() || p.n() != old.n()) continue;
                    if (p.m() == old.m()) same = true;
                    if ((p.m() < old.m() && p.latencyMs() > old.latencyMs()) || (p.m() > old.m() && p.latencyMs() < old.latencyMs())) {
                        conflict = true;
                    }
                }
                if (same) {
                    replaced.add(what);
                    it.remove();
                } else if (conflict) {
                    dropped.add(what);
                    it.remove();
                }
            }
            for (NewPoint p : group) ProfileJson.addPoint(existing, p.batch(), p.m(), p.k(), p.n(), p.latencyMs(), sourceId);
        }
        return new Outcome(replaced, dropped);
    }
}
