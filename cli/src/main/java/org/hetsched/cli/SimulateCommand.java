package org.hetsched.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hetsched.reports.output.RunOutputs;
import org.hetsched.reports.sweep.Simulation;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.table.MetricsJson;
import org.hetsched.reports.table.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched simulate}: one prefill (or task graph), one policy, printed as a table or JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate one prefill (or task graph) with one scheduling policy and print its metrics.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--policy", defaultValue = "in-order", paramLabel = "X",
            description = "Scheduling policy, see 'hetsched policies' (default: ${DEFAULT-VALUE}).")
    String policy;

    @Mixin
    PolicyParameters parameters;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write trace.json, metrics.json, perfetto.json (Chrome trace events; open it in "
                    + "ui.perfetto.dev) and charts/gantt.svg|png into DIR.")
    Path out;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SimulationResult result = Simulation.run(workload.request(), policy, parameters.options());
        if (out != null) RunOutputs.simulation(result).writeTo(out);
        spec.commandLine().getOut().print(format == OutputFormat.json
                ? MetricsJson.toText(result) + System.lineSeparator() : SummaryTable.format(result));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
