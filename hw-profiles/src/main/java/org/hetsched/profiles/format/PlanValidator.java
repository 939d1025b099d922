package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.PlanOp;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.ShadowSettings;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.graph.SubgraphTemplate;

/**
 * The one place where a partition plan's JSON tree is checked and turned into sim-core's
 * {@link PartitionPlan}. Field-level problems (missing, unknown or mistyped fields, unknown roles,
 * plan ops, processor kinds and dtypes, duplicates, out-of-range shadow settings) are reported
 * together with their JSON paths; the structural rules {@link PartitionPlan} enforces itself (role
 * order, shadow placement) are reported with the file name in front. The format is specified in
 * hw-profiles/README.md.
 */
public final class PlanValidator {
    /** The value of the optional top-level {@code format} field. */
    public static final String FORMAT = "hetsched-partition-plan/1";

    /** GENERIC marks tasks of graphs loaded from elsewhere; a plan may not use it. */
    private static final List<SubgraphRole> ROLES = JsonObjectReader.all(SubgraphRole.class).stream()
            .filter(r -> r != SubgraphRole.GENERIC).toList();
    private static final List<PlanOp> PLAN_OPS = JsonObjectReader.all(PlanOp.class);
    private static final List<ProcessorKind> KINDS = JsonObjectReader.all(ProcessorKind.class);
    private static final List<DType> DTYPES = JsonObjectReader.all(DType.class);

    private final String file;
    private final Problems problems = new Problems();

    private PlanValidator(String file) {
        this.file = file;
    }

    /**
     * Checks {@code root} and builds the plan.
     *
     * @param file the file name to put in messages
     * @throws PlanFormatException listing every problem found
     */
    public static PartitionPlan validate(JsonNode root, String file) {
        return new PlanValidator(file).run(root);
    }

    private PartitionPlan run(JsonNode root) {
        JsonObjectReader top = JsonObjectReader.of(root, "$", problems);
        if (top == null) throw new PlanFormatException(file, problems.list());
        String format = top.string("format", false);
        if (format != null && !format.equals(FORMAT)) {
            problems.add(top.pathOf("format"), "expected '" + FORMAT + "', got '" + format + "'"
                    + (format.equals(ProfileValidator.FORMAT) ? " (this is a device profile, not a partition plan)" : ""));
        }
        String name = top.string("name", true);
        String description = top.string("description", true);
        String source = top.string("source", true);
        List<SubgraphTemplate> prologue = section(top, "prologue", false);
        List<SubgraphTemplate> layer = section(top, "layer", true);
        List<SubgraphTemplate> epilogue = section(top, "epilogue", false);
        ShadowSettings shadow = shadow(top.object("shadow", false));
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) throw new PlanFormatException(file, problems.list());
        try {
            return new PartitionPlan(name, description, source, prologue, layer, epilogue, shadow);
        } catch (UserInputException e) {
            throw new PlanFormatException(file, List.of(new FormatProblem("$", e.getMessage())));
        }
    }

    private List<SubgraphTemplate> section(JsonObjectReader top, String key, boolean required) {
        List<SubgraphTemplate> templates = new ArrayList<>();
        List<JsonNode> nodes = top.array(key, required, required);
        if (nodes == null) return templates;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader t = JsonObjectReader.of(nodes.get(i), top.pathOf(key) + "[" + i + "]", problems);
            if (t == null) continue;
            String name = t.string("name", true);
            if (name != null && firstAt.putIfAbsent(name, t.path()) != null) {
                problems.add(t.pathOf("name"), "duplicate subgraph name '" + name + "' in " + key + " (first at " + firstAt.get(name) + ")");
            }
            SubgraphRole role = t.enumValue("role", true, "subgraph role", ROLES);
            List<PlanOp> ops = ops(t);
            List<Placement> placements = placements(t);
            t.rejectUnknownKeys();
            if (name != null && role != null && ops != null && placements != null) {
                templates.add(new SubgraphTemplate(name, role, ops, placements));
            }
        }
        return templates;
    }

    private List<PlanOp> ops(JsonObjectReader t) {
        List<JsonNode> nodes = t.array("ops", true, true);
        if (nodes == null) return null;
        List<PlanOp> ops = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            PlanOp op = JsonObjectReader.enumValue(nodes.get(j), t.pathOf("ops") + "[" + j + "]", "plan op", PLAN_OPS, problems);
            if (op == null) return null;
            ops.add(op);
        }
        return ops;
    }

    private List<Placement> placements(JsonObjectReader t) {
        List<JsonNode> nodes = t.array("placements", true, true);
        if (nodes == null) return null;
        List<Placement> placements = new ArrayList<>();
        Map<ProcessorKind, String> firstAt = new EnumMap<>(ProcessorKind.class);
        boolean ok = true;
        for (int j = 0; j < nodes.size(); j++) {
            JsonObjectReader p = JsonObjectReader.of(nodes.get(j), t.pathOf("placements") + "[" + j + "]", problems);
            if (p == null) {
                ok = false;
                continue;
            }
            ProcessorKind kind = p.enumValue("processor", true, "processor kind", KINDS);
            DType linear = p.enumValue("linear", true, "dtype", DTYPES);
            DType floating = p.enumValue("float", true, "dtype", DTYPES);
            p.rejectUnknownKeys();
            if (kind != null && firstAt.putIfAbsent(kind, p.path()) != null) {
                problems.add(p.pathOf("processor"), "processor kind " + kind + " is listed twice (first at " + firstAt.get(kind)
                        + "); a subgraph has at most one placement per kind");
                ok = false;
            }
            if (kind == null || linear == null || floating == null) {
                ok = false;
            } else {
                placements.add(new Placement(kind, linear, floating));
            }
        }
        return ok ? placements : null;
    }

    private ShadowSettings shadow(JsonObjectReader s) {
        if (s == null) return null;
        Double fraction = s.number("keptLayerFraction", true, NumberRule.FRACTION);
        Integer hot = s.integer("hotChannelsPerLayer", true, 1);
        String source = s.string("source", true);
        s.rejectUnknownKeys();
        return fraction == null || hot == null || source == null ? null : new ShadowSettings(fraction, hot, source);
    }
}
