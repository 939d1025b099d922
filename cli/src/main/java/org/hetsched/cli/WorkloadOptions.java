package org.hetsched.cli;

import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.WorkloadRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The flags that say what work to schedule; shared by the commands that simulate. */
final class WorkloadOptions {

    /** The flags a task graph file replaces: it fixes its own tasks, processors and costs. */
    private static final List<String> PREFILL_ONLY = List.of("--model", "--device", "--plan", "--prompt", "--chunk", "--shadow-layers",
            "--no-contention");

    @Mixin
    TargetOptions target;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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

    @Option(names = "--no-contention",
            description = "Leave out the profile's shared-memory contention (applied when the profile has 'contention' entries), "
                    + "to measure what it costs.")
    boolean noContention;

    WorkloadRequest request() {
        if (graph != null) {
            ParseResult parsed = command.commandLine().getParseResult();
            List<String> given = PREFILL_ONLY.stream().filter(parsed::hasMatchedOption).toList();
            if (!given.isEmpty()) {
                throw new UserInputException("--graph replaces the prefill, so " + String.join(", ", given)
                        + (given.size() == 1 ? " has" : " have") + " no effect: drop " + (given.size() == 1 ? "it" : "them")
                        + " or drop --graph");
            }
        }
        return new WorkloadRequest(target.model.value, target.device.value, target.plan.value, graph, promptTokens, chunkTokens, parseShadowLayers(),
                includeGraphPreparation, dispatchOverhead, !noContention);
    }

    private List<Integer> parseShadowLayers() {
        try {
            return WorkloadRequest.parseShadowLayers(shadowLayers);
        } catch (UserInputException e) {
            throw new UserInputException("--shadow-layers: " + e.getMessage());
        }
    }
}
