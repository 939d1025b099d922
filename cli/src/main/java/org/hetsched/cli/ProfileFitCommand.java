package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.fit.FitReport;
import org.hetsched.reports.fit.FitRequest;
import org.hetsched.reports.fit.FittedProfile;
import org.hetsched.reports.fit.ProfileFit;
import org.hetsched.reports.reproduce.TargetReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched profile fit}: fits a device profile's free numbers to a targets file and writes the fitted profile. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit free numbers of a device profile to end-to-end measurements (a targets file) and write the fitted profile.")
final class ProfileFitCommand implements Callable<Integer> {

    /** How the fit is printed. */
    enum Format {
        table,
        json
    }

    @Option(names = "--device", defaultValue = "sd8gen3", paramLabel = "D",
            description = "Base device profile: built-in name or JSON path (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--targets", defaultValue = TargetReader.BUILT_IN, paramLabel = "FILE",
            description = "Targets CSV (format in reports/README.md) or the built-in '" + TargetReader.BUILT_IN + "' (default: ${DEFAULT-VALUE}).")
    String targets;

    @Option(names = "--free", paramLabel = "SPEC",
            description = "A free parameter, PATH=LO..HI or PATH=LO..HI~MEAN+-SD (a log-normal prior); PATH1,PATH2=... links paths "
                    + "to one value. Repeatable.")
    List<String> free = new ArrayList<>();

    @Option(names = "--free-file", paramLabel = "FILE", description = "A file of free-parameter specs, one per line ('#' comments).")
    Path freeFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Fitted profile JSON to write (nothing is written if the fit fails); required.")
    Path out;

    @Option(names = "--name", paramLabel = "NEW", description = "Name of the fitted profile (default: the base's).")
    String name;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random starts and CMA-ES (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-evaluations", defaultValue = "2000", paramLabel = "N",
            description = "Objective evaluations of the fit, shared by the starts (default: ${DEFAULT-VALUE}).")
    int maxEvaluations;

    @Option(names = "--restarts", defaultValue = "4", paramLabel = "N",
            description = "Seeded random starts besides the base values (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--bootstrap", defaultValue = "20", paramLabel = "K",
            description = "Bootstrap refits over the targets for the 16-84%% intervals; 0 uses the Laplace approximation "
                    + "(default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--no-loo", description = "Skip the leave-one-out refits.")
    boolean noLoo;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out == null) throw new UserInputException("--out FILE is required: the fitted profile JSON file to write");
        if (Files.isDirectory(out)) throw new UserInputException("--out " + out + " is a directory; name the profile file to write");
        OutputFiles.checkWritable(out, false);
        FitRequest request = new FitRequest(device, targets, free, freeFile,
                new ProfileFit.Settings(seed, maxEvaluations, restarts, !noLoo, bootstrap), Runtime.getRuntime().availableProcessors());
        FitRequest.Outcome outcome = request.run(ProgressBar.forTerminal(spec.commandLine().getErr()));
        String profile = FittedProfile.text(outcome.objective(), outcome.result(), name, HetschedVersion.current(), Instant.now());
        OutputFiles.writeFile(out, o -> o.write(profile.getBytes(StandardCharsets.UTF_8)));
        PrintWriter w = spec.commandLine().getOut();
        w.print(format == Format.json ? FitReport.json(outcome.result()) : FitReport.text(outcome.result()));
        if (format == Format.table) w.println("wrote " + out);
        w.flush();
        return ExitCodes.OK;
    }
}
