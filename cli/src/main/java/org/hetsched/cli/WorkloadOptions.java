package org.hetsched.cli;

import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.sweep.WorkloadRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that say what work to schedule; shared by the commands that simulate. */
final class WorkloadOptions {

    @Mixin
    TargetOptions target;

    @Option(names = "--prompt", defaultValue = "1024", paramLabel = "N",
            description = "Prompt length in tokens (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--chunk", defaultValue = "256", paramLabel = "C",
            description = "Chunk size in tokens (default: ${DEFAULT-VALUE}).")
    int chunkTokens;

    @Option(names = "--graph", paramLabel = "FILE",
            description = "A generic task graph JSON instead of a prefill (replaces --model, --device, --plan, --prompt, --chunk).")
    String graph;

    @Option(names = "--shadow-layers", defaultValue = "default", paramLabel = "L",
            description = "Layers whose activation outliers are kept: 'default' (the plan's fraction), 'none', "
                    + "or a comma-separated list such as 0,1,22,23 (default: ${DEFAULT-VALUE}).")
    String shadowLayers;

    @Option(names = "--include-graph-prep",
            description = "Build static graphs on first use, inside the makespan (default: prepared ahead of time).")
    boolean includeGraphPreparation;

    @Option(names = "--dispatch-overhead", description = "Add the profile's per-dispatch overhead to every task.")
    boolean dispatchOverhead;

    WorkloadRequest request() {
        return new WorkloadRequest(target.model, target.device, target.plan, graph, promptTokens, chunkTokens, parseShadowLayers(),
                includeGraphPreparation, dispatchOverhead);
    }

    private List<Integer> parseShadowLayers() {
        if (shadowLayers.equals("default")) return null;
        List<Integer> layers = new ArrayList<>();
        if (shadowLayers.equals("none")) return layers;
        for (String part : shadowLayers.split(",")) {
            try {
                layers.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new UserInputException("--shadow-layers: '" + part.trim()
                        + "' is not a layer number (expected 'default', 'none' or a list such as 0,1,22)");
            }
        }
        return layers;
    }
}
