package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.artefacts.qnn.QnnModelExport;
import org.hetsched.artefacts.qnn.QnnModelManifest;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.reports.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched profile export-models}: the NPU subgraphs as ONNX models to profile with QNN on a device. */
@Command(name = "export-models", mixinStandardHelpOptions = true,
        description = {"Write the model's NPU subgraphs (one ONNX model per distinct op list and chunk size) and a manifest, to run"
                + " on a device with QNN profiling at level detailed; then 'hetsched profile import' turns the profiles into a device profile."})
final class ProfileExportModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    PlanOption plan;

    @Option(names = "--chunks", split = ",", defaultValue = "256", paramLabel = "C",
            description = "Chunk sizes in tokens (each one set of models; default: ${DEFAULT-VALUE}).")
    List<Integer> chunks;

    @Mixin
    SeedOption seed;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write <name>.onnx and manifest.json into (all or nothing).")
    Path out;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        if (Files.exists(out) && !Files.isDirectory(out)) problems.add("--out " + out + " exists and is not a directory");
        ModelSpec modelSpec = null;
        PartitionPlan partitionPlan = null;
        try {
            modelSpec = new ModelResolver().resolve(model.value);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        try {
            partitionPlan = PlanCatalog.builtIn().get(plan.value);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        QnnModelExport.Request request = null;
        if (modelSpec != null && partitionPlan != null) {
            try {
                request = new QnnModelExport.Request(modelSpec, partitionPlan, chunks, seed.value);
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));

        QnnModelExport.Result result = QnnModelExport.run(request, HetschedVersion.current());
        OutputFiles files = new OutputFiles();
        for (QnnModelExport.Exported e : result.models()) files.add(e.entry().file(), stream -> stream.write(e.model().onnx()));
        files.add(QnnModelManifest.FILE_NAME, result::writeManifest);
        files.writeTo(out);

        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %d ONNX models of %s under %s, chunks %s, and %s%n", out, result.models().size(), modelSpec.name(),
                partitionPlan.name(), chunks, QnnModelManifest.FILE_NAME);
        for (QnnModelExport.Exported e : result.models()) {
            QnnModelManifest.Model m = e.entry();
            w.printf("  %-24s %2d ops, %s%s%n", m.file(), m.ops().size(), m.subgraph(), m.layers().isEmpty() ? "" : " (layers " + ranges(m.layers()) + ")");
        }
        for (String s : result.skipped()) w.println("  not exported: " + s);
        w.println("next: run each model on the device with QNN profiling at level detailed (ONNX Runtime's QNN provider options"
                + " profiling_level=detailed, profiling_file_path=<name>.csv), copy the CSVs back and run");
        w.println("  hetsched profile import --qnn-csv <name>.csv ... --manifest " + out.resolve(QnnModelManifest.FILE_NAME)
                + " --device sd8gen3 --out my-phone.json");
        w.flush();
        return ExitCodes.OK;
    }

    /** "0-22" or "0-3, 5" for sorted layers. */
    private static String ranges(List<Integer> sorted) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (b.length() > 0) b.append(", ");
            b.append(sorted.get(i));
            if (j > i) b.append('-').append(sorted.get(j));
            i = j + 1;
        }
        return b.toString();
    }
}
