package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hetsched.backend.calibrate.Calibration;
import org.hetsched.backend.calibrate.HostCalibration;
import org.hetsched.backend.calibrate.InSituCalibration;
import org.hetsched.backend.calibrate.LoadMonitor;
import org.hetsched.backend.calibrate.ValidationWorkloads;
import org.hetsched.backend.catalog.BackendModels;
import org.hetsched.backend.catalog.Backends;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.core.Units;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.calibrate.InSituFit;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.reports.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched profile}: calibrates a device profile by measuring the host backend's lanes. */
@Command(name = "profile", mixinStandardHelpOptions = true, subcommands = {ProfileExportModelsCommand.class, ProfileImportCommand.class, ProfileFitCommand.class},
        description = "Measure the model's prefill op shapes on the backend's lanes and write a device profile (usable as --device PATH).")
final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", defaultValue = "host",
            description = "Execution backend: host (this machine's lanes) or qnn (QNN's emulated HTP for the npu lane, the host float "
                    + "lane for cpu; needs HETSCHED_QNN_DIR) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Mixin
    ModelOption model;

    @Mixin
    PlanOption plan;

    @Option(names = "--chunks", split = ",", defaultValue = "16,32", description = "Chunk sizes in tokens to profile (default: ${DEFAULT-VALUE}).")
    List<Integer> chunks;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "A validation workload (e.g. default, balanced; see the real-backend README): sets --model, --plan and --chunks, "
                    + "which may then not be given.")
    String workload;

    @Option(names = "--repetitions", defaultValue = "5", description = "Timed runs per op shape (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs per op shape before them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Mixin
    SeedOption seed;

    @Option(names = "--max-foreign-load", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Refuse if other processes take more than this fraction of a CPU's time, in the idle second before the "
                    + "measurement or during it (host backend; default: ${DEFAULT-VALUE}).")
    double maxForeignLoad;

    @Option(names = "--allow-noisy",
            description = "Measure even with other load over --max-foreign-load (or steal time over 5%) on a CPU: warns on stderr.")
    boolean allowNoisy;

    @Option(names = "--calibration", defaultValue = "micro", paramLabel = "micro|in-situ",
            description = "micro: each op shape timed alone; in-situ: then refit the points to real replays of random plans on both "
                    + "lanes (host backend; default: ${DEFAULT-VALUE}).")
    String calibration;

    @Option(names = "--calibration-replays", defaultValue = "8", paramLabel = "N",
            description = "In situ: replays of distinct random plans the points are fitted to (default: ${DEFAULT-VALUE}).")
    int calibrationReplays;

    @Option(names = "--held-out-replays", defaultValue = "2", paramLabel = "N",
            description = "In situ: replays of further plans, not fitted, that both profiles predict (default: ${DEFAULT-VALUE}).")
    int heldOutReplays;

    @Option(names = "--prior-weight", defaultValue = "1.0", paramLabel = "LAMBDA",
            description = "In situ: weight of the pull towards the micro-benchmark values (default: ${DEFAULT-VALUE}).")
    double priorWeight;

    @Option(names = "--prompt", defaultValue = "0", paramLabel = "N",
            description = "Tokens of each profiled graph, so attention is measured at every context a prefill of N tokens reaches"
                    + " (0: two chunks of each size; default: ${DEFAULT-VALUE}).")
    int prompt;

    @Option(names = "--no-contention",
            description = "Skip measuring the lanes' co-run slowdowns (the profile's 'contention'), for quick runs (host backend).")
    boolean noContention;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Profile JSON file to write (all or nothing: a failed run leaves no file); required.")
    Path out;

    @Override
    public Integer call() {
        if (workload != null) {
            ValidationWorkloads.Workload w = ValidationWorkloads.forCommand(workload, ValidationWorkloads.Command.PROFILE,
                    spec.commandLine().getParseResult()::hasMatchedOption);
            model.value = w.model();
            plan.value = w.plan();
            chunks = w.profileChunkTokens();
            prompt = w.promptTokens();
        }
        List<String> problems = new ArrayList<>();
        if (!Backends.names().contains(backend)) {
            problems.add("unknown backend '" + backend + "' (known: " + String.join(", ", Backends.names()) + ")");
        }
        if (out == null) problems.add("--out FILE is required: the profile JSON file to write");
        else if (Files.isDirectory(out)) problems.add("--out " + out + " is a directory; name the profile file to write");
        else {
            try {
                OutputFiles.checkWritable(out, false); // before minutes of calibration, not after
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        ModelSpec modelSpec = null;
        PartitionPlan partitionPlan = null;
        try {
            modelSpec = BackendModels.resolve(model.value);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        try {
            partitionPlan = PlanCatalog.builtIn().get(plan.value);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        HostCalibration.Request request = null;
        if (modelSpec != null && partitionPlan != null) {
            try {
                request = new HostCalibration.Request(modelSpec, partitionPlan, chunks, repetitions, warmup, seed.value, Runtime.getRuntime().maxMemory(),
                        !noContention, prompt);
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        LoadMonitor.Policy noise = null;
        try {
            noise = new LoadMonitor.Policy(maxForeignLoad, allowNoisy);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        boolean inSitu = calibration.equals("in-situ");
        InSituCalibration.Settings inSituSettings = null;
        if (!inSitu && !calibration.equals("micro")) {
            problems.add("unknown --calibration '" + calibration + "' (known: micro, in-situ)");
        } else if (inSitu && !backend.equals("host")) {
            problems.add("--calibration in-situ replays plans on the host backend only, not on " + backend);
        } else if (inSitu) {
            try {
                inSituSettings = new InSituCalibration.Settings(calibrationReplays, heldOutReplays, warmup, priorWeight,
                        ReplayOptions.defaults(HostBackend.lanes().size()));
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        if (inSitu) return inSitu(request, inSituSettings, noise, modelSpec, partitionPlan);

        LoadMonitor load = LoadMonitor.ofThisMachine(noise, new int[0]);
        long startNs = System.nanoTime();
        HostCalibration.Result result = Calibration.run(backend, request, Provenance.ofThisMachine(HetschedVersion.current(), Instant.now()),
                load);
        if (!backend.equals("qnn")) {
            PrintWriter err = spec.commandLine().getErr();
            load.outcome().warnings().forEach(err::println);
            err.flush();
        }
        OutputFiles.writeFile(out, result::writeProfile);
        double seconds = Units.nsToSeconds(System.nanoTime() - startNs);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %d op shapes of %s under %s, chunks %s, %d runs each after %d warm-up, lane hand-off %.2f us, %s, in %.1f s%n",
                out, result.measurements().size(), modelSpec.name(), partitionPlan.name(), chunks, repetitions, warmup,
                Units.nsToUs(result.handoffNs().medianNs()), noContention ? "contention not measured"
                        : result.contention().size() + " co-run slowdowns", seconds);
        w.flush();
        return ExitCodes.OK;
    }

    private int inSitu(HostCalibration.Request request, InSituCalibration.Settings settings, LoadMonitor.Policy noise, ModelSpec modelSpec,
                       PartitionPlan partitionPlan) {
        LoadMonitor load = LoadMonitor.ofThisMachine(noise, new int[0]);
        long startNs = System.nanoTime();
        InSituCalibration.Result result = InSituCalibration.run(request, Provenance.ofThisMachine(HetschedVersion.current(), Instant.now()),
                settings, load);
        PrintWriter err = spec.commandLine().getErr();
        load.outcome().warnings().forEach(err::println);
        err.flush();
        OutputFiles.writeFile(out, result::writeProfile);
        double seconds = Units.nsToSeconds(System.nanoTime() - startNs);
        InSituFit.Result fit = result.fit();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %d op shapes of %s under %s, chunks %s, %d refitted in situ to %d replays of %d plans"
                        + " (task relative RMS residual %.2f%% micro, %.2f%% fitted), in %.1f s%n",
                out, result.micro().measurements().size(), modelSpec.name(), partitionPlan.name(), chunks, fit.points().size(),
                fit.replays(), fit.plans(), 100 * fit.rmsRelativeBefore(), 100 * fit.rmsRelativeAfter(), seconds);
        w.println("in-situ/micro per lane and op kind: " + fit.biasSummary());
        if (!result.microHeldOut().isEmpty()) {
            w.println("held-out replays, (priced - measured) / measured per task:");
            w.println("  micro:   " + InSituCalibration.describe(result.microHeldOut()));
            w.println("  in situ: " + InSituCalibration.describe(result.inSituHeldOut()));
        }
        w.flush();
        return ExitCodes.OK;
    }
}
