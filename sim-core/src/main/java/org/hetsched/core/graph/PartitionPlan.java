package org.hetsched.core.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;

/**
 * How one chunk of prefill is cut into subgraphs: a prologue, a block repeated for every layer,
 * and an epilogue. Plans are data: the built-in ones and user files are read by hw-profiles.
 *
 * @param name        stable name, e.g. "llm.npu"
 * @param description one line for listings
 * @param source      where the partition comes from (paper, code, or "user")
 * @param prologue    subgraphs before the first layer
 * @param layer       subgraphs of every layer; SHADOW ones are instantiated only on shadow layers
 * @param epilogue    subgraphs after the last layer
 * @param shadow      shadow-outlier settings, or {@code null} if the plan has no SHADOW subgraph
 */
public record PartitionPlan(
        String name,
        String description,
        String source,
        List<SubgraphTemplate> prologue,
        List<SubgraphTemplate> layer,
        List<SubgraphTemplate> epilogue,
        ShadowSettings shadow) {

    /** Checks structure and reports every problem at once. */
    public PartitionPlan {
        prologue = List.copyOf(prologue);
        layer = List.copyOf(layer);
        epilogue = List.copyOf(epilogue);
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) problems.add("name is empty");
        if (layer.isEmpty()) problems.add("the per-layer section has no subgraph");
        checkSection(problems, "prologue", prologue);
        checkSection(problems, "layer", layer);
        checkSection(problems, "epilogue", epilogue);
        boolean hasShadow = layer.stream().anyMatch(t -> t.role() == SubgraphRole.SHADOW);
        if (hasShadow && shadow == null) problems.add("layer has a SHADOW subgraph but the plan has no shadow settings");
        if (!prologue.isEmpty() || !layer.isEmpty()) {
            SubgraphTemplate first = prologue.isEmpty() ? layer.get(0) : prologue.get(0);
            if (first.role() == SubgraphRole.ATTENTION || first.role() == SubgraphRole.SHADOW) {
                problems.add("the first subgraph '" + first.name() + "' cannot be " + first.role()
                        + ": it needs a predecessor in the chunk");
            }
        }
        if (!problems.isEmpty()) {
            throw new UserInputException("plan '" + name + "': " + String.join("; ", problems));
        }
    }

    private static void checkSection(List<String> problems, String section, List<SubgraphTemplate> templates) {
        Set<String> names = new HashSet<>();
        SubgraphRole previous = null;
        for (int i = 0; i < templates.size(); i++) {
            SubgraphTemplate t = templates.get(i);
            String where = section + "[" + i + "]";
            if (!names.add(t.name())) problems.add(where + ": duplicate subgraph name '" + t.name() + "'");
            if (t.placements().isEmpty()) problems.add(where + " '" + t.name() + "': no placement");
            Set<Object> kinds = new HashSet<>();
            for (Placement p : t.placements()) {
                if (!kinds.add(p.processorKind())) {
                    problems.add(where + " '" + t.name() + "': processor kind " + p.processorKind() + " listed twice");
                }
            }
            if (t.role() == SubgraphRole.SHADOW) {
                if (!section.equals("layer")) problems.add(where + ": SHADOW subgraphs belong in the layer section");
                if (i == 0) problems.add(where + ": a SHADOW subgraph must follow the subgraph it corrects");
                if (previous == SubgraphRole.SHADOW) problems.add(where + ": two SHADOW subgraphs in a row");
            }
            if (t.role() == SubgraphRole.GENERIC) problems.add(where + ": role GENERIC is not allowed in a plan");
            previous = t.role();
        }
    }
}
