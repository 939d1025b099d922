package org.hetsched.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationRequest;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.table.MetricsJson;
import org.hetsched.reports.table.SummaryTable;
import org.hetsched.reports.trace.TraceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hetsched simulate}: one prefill, one policy, printed as a table or JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate one prefill with one scheduling policy and print its metrics.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "qwen1.5-1.8b", paramLabel = "M",
            description = "Catalog model name or path to a Hugging Face config.json (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--device", defaultValue = "sd8gen3", paramLabel = "D",
            description = "Built-in device profile or path to a profile JSON (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--prompt", defaultValue = "1024", paramLabel = "N",
            description = "Prompt length in tokens (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--chunk", defaultValue = "256", paramLabel = "C",
            description = "Chunk size in tokens (default: ${DEFAULT-VALUE}).")
    int chunkTokens;

    @Option(names = "--plan", defaultValue = "llm.npu", paramLabel = "P",
            description = "Built-in partition plan or path to a plan JSON (default: ${DEFAULT-VALUE}).")
    String plan;

    @Option(names = "--policy", defaultValue = "in-order", paramLabel = "X",
            description = "Scheduling policy, see 'hetsched policies' (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--shadow-layers", defaultValue = "default", paramLabel = "L",
            description = "Layers whose activation outliers are kept: 'default' (the plan's fraction), 'none', "
                    + "or a comma-separated list such as 0,1,22,23 (default: ${DEFAULT-VALUE}).")
    String shadowLayers;

    @Option(names = "--include-graph-prep",
            description = "Build static graphs on first use, inside the makespan (default: prepared ahead of time).")
    boolean includeGraphPreparation;

    @Option(names = "--dispatch-overhead", description = "Add the profile's per-dispatch overhead to every task.")
    boolean dispatchOverhead;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write trace.json and metrics.json into DIR.")
    Path out;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SimulationRequest request = new SimulationRequest(model, device, plan, policy, promptTokens, chunkTokens,
                parseShadowLayers(), includeGraphPreparation, dispatchOverhead);
        SimulationResult result = Simulation.run(request);
        if (out != null) {
            new OutputFiles()
                    .add("trace.json", stream -> TraceJson.write(result.trace(), result.device(), stream))
                    .add("metrics.json", stream -> MetricsJson.write(result, stream))
                    .writeTo(out);
        }
        spec.commandLine().getOut().print(format == OutputFormat.json
                ? MetricsJson.toText(result) + System.lineSeparator() : SummaryTable.format(result));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
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
