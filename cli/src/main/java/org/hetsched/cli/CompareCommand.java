package org.hetsched.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.reports.output.RunOutputs;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.table.ComparisonTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched compare}: several policies on one workload, one row each. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run several scheduling policies on one prefill (or task graph) and compare them.")
final class CompareCommand implements Callable<Integer> {

    /** How a comparison is printed. */
    enum Format {
        table,
        json,
        csv
    }

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--policies", defaultValue = "all", paramLabel = "LIST",
            description = "Comma-separated policy names, the first being the speedup baseline, or 'all' "
                    + "(default: ${DEFAULT-VALUE}).")
    String policies;

    @Mixin
    PolicyParameters parameters;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write comparison.json/.csv, perfetto.json (every policy), charts and report.html into DIR.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> names = Arrays.stream(policies.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        ComparisonResult result = Comparison.run(workload.request(), names, parameters.options());
        if (out != null) RunOutputs.comparison(result).writeTo(out);
        String text = switch (format) {
            case table -> ComparisonTable.text(result);
            case json -> ComparisonTable.json(result);
            case csv -> ComparisonTable.csv(result);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
