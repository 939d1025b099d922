package org.hetsched.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.output.ReproductionOutputs;
import org.hetsched.reports.reproduce.Reproduction;
import org.hetsched.reports.reproduce.ReproductionReport;
import org.hetsched.reports.reproduce.ReproductionTable;
import org.hetsched.reports.reproduce.TargetReader;
import org.hetsched.reports.reproduce.TargetSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched reproduce}: every target of a targets file, published next to predicted, with the error. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Predict every published (or measured) end-to-end number of a targets file and print the error.")
final class ReproduceCommand implements Callable<Integer> {

    /** How the reproduction is printed. */
    enum Format {
        table,
        json,
        csv
    }

    @Option(names = "--targets", defaultValue = TargetReader.BUILT_IN, paramLabel = "FILE",
            description = "Targets CSV (format in reports/README.md), or the built-in '" + TargetReader.BUILT_IN
                    + "': llm.npu's published measurements (default: ${DEFAULT-VALUE}).")
    String targets;

    @Mixin
    DeviceOption device;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write the report into DIR: reproduction.csv, reproduction.json, index.html and the figures "
                    + "(charts/*.png|svg|pdf: prefill speed against prompt length, the ablation, bubble rates, predicted against published).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) OutputFiles.checkWritable(out, true);
        TargetSet set = TargetReader.read(targets);
        Reproduction reproduction;
        if (out != null) {
            ReproductionReport report = ReproductionReport.build(set, device.value, Runtime.getRuntime().availableProcessors());
            ReproductionOutputs.of(report).writeTo(out);
            reproduction = report.reproduction();
        } else {
            reproduction = Reproduction.predict(set, device.value);
        }
        spec.commandLine().getOut().print(switch (format) {
            case table -> ReproductionTable.text(reproduction);
            case json -> ReproductionTable.json(reproduction);
            case csv -> ReproductionTable.csv(reproduction);
        });
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
