package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hetsched.artefacts.qnn.QnnProfileImport;
import org.hetsched.core.Units;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched profile import}: QNN profiles captured on a device become measured points of a device profile. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn QNN profiling CSVs (level detailed) of the models 'hetsched profile export-models' wrote, run on a device,"
                + " into measured op costs of one processor, merged into a base device profile (usable as --device PATH)."})
final class ProfileImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--qnn-csv", required = true, arity = "1..*", paramLabel = "FILE",
            description = "QNN profiling CSVs; each file's name up to its first dot names its model in the manifest (ffn-c256.csv).")
    List<Path> csvFiles;

    @Option(names = "--manifest", required = true, paramLabel = "FILE",
            description = "The manifest.json export-models wrote (or its folder).")
    Path manifest;

    @Option(names = "--device", required = true, paramLabel = "BASE",
            description = "Base device profile: a built-in name (sd8gen3, sd8gen2) or a profile JSON file.")
    String device;

    @Option(names = "--processor", paramLabel = "NAME",
            description = "The base's processor that ran the models (default: its one NPU-kind processor).")
    String processor;

    @Option(names = "--warmup-executions", defaultValue = "" + QnnProfileImport.DEFAULT_WARMUP_EXECUTIONS, paramLabel = "N",
            description = "Executions skipped at the start of each CSV (default: ${DEFAULT-VALUE}).")
    int warmupExecutions;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the new profile (default: the base's).")
    String name;

    @Option(names = "--note", paramLabel = "TEXT", description = "Free text for the new source, e.g. the phone and the QNN SDK version.")
    String note;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Profile JSON file to write (all or nothing: a failed import leaves no file).")
    Path out;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        if (Files.isDirectory(out)) problems.add("--out " + out + " is a directory; name the profile file to write");
        for (Path csv : csvFiles) {
            if (!Files.isRegularFile(csv)) problems.add("QNN profile " + csv + " is not a file");
        }
        QnnProfileImport.Request request = null;
        try {
            request = new QnnProfileImport.Request(csvFiles, manifest, device, processor, warmupExecutions, name, note);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));

        QnnProfileImport.Result result = QnnProfileImport.run(request, HetschedVersion.current(), Instant.now());
        OutputFiles.writeFile(out, result::writeProfile);

        PrintWriter w = spec.commandLine().getOut();
        int used = result.files().stream().mapToInt(QnnProfileImport.FileSummary::used).sum();
        w.printf(Locale.ROOT, "wrote %s: %d %s points of %s from %d QNN profiles (%d executions used), source %s%n", out,
                result.points().size(), result.processor(), device, result.files().size(), used, result.sourceId());
        for (QnnProfileImport.ImportedPoint p : result.points()) {
            w.printf(Locale.ROOT, "  %-36s %10.3f us  MAD %8.3f us  %3d samples%s%n", p.describe(), Units.nsToUs(p.latencyNs()),
                    Units.nsToUs(p.summary().madNs()), p.summary().kept(), p.adjusted() ? String.format(Locale.ROOT,
                            "  (median %.3f us pooled with its neighbours in m)", Units.nsToUs(p.summary().medianNs())) : "");
        }
        if (!result.replaced().isEmpty()) w.println("replaced in the base: " + String.join("; ", result.replaced()));
        if (!result.dropped().isEmpty()) w.println("dropped from the base (latency would fall as m grows): " + String.join("; ", result.dropped()));
        if (!result.unmeasuredOps().isEmpty()) {
            w.println("no time of their own (priced analytically): " + String.join(", ", result.unmeasuredOps()));
        }
        if (result.graphPreparationNs().isPresent()) {
            w.printf(Locale.ROOT, "graph preparation: %.3f ms per graph%n", Units.nsToMs(result.graphPreparationNs().getAsDouble()));
        } else {
            w.println("graph preparation: no FINALIZE rows, the base's value is kept");
        }
        w.flush();
        return ExitCodes.OK;
    }
}
