package org.hetsched.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hetsched.backend.calibrate.HostValidation;
import org.hetsched.backend.calibrate.LoadMonitor;
import org.hetsched.backend.calibrate.ValidationWorkloads;
import org.hetsched.backend.catalog.Backends;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.reports.OutputFiles;
import org.hetsched.reports.output.ValidationOutputs;
import org.hetsched.reports.table.ValidationReport;
import org.hetsched.reports.table.ValidationTable;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hetsched validate}: simulated against measured makespans on the host backend. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "For each policy, simulate its schedule with a calibrated profile, replay the same schedule for real "
                + "on the backend, and report the makespan error.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", defaultValue = "host",
            description = "Execution backend: host (this machine's lanes) or qnn (QNN's emulated HTP beside the host float lane; "
                    + "needs HETSCHED_QNN_DIR) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--profile", required = true, description = "Device profile written by 'hetsched profile' for this backend.")
    Path profile;

    @Mixin
    ModelOption model;

    @Mixin
    PlanOption plan;

    @Option(names = "--policies", defaultValue = "in-order,heft", paramLabel = "LIST",
            description = "Comma-separated policy names (default: ${DEFAULT-VALUE}).")
    String policies;

    @Option(names = "--prompt", defaultValue = "64", paramLabel = "N", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int prompt;

    @Option(names = "--chunk", defaultValue = "16", paramLabel = "C", description = "Chunk tokens (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "A validation workload (e.g. default, balanced; see the real-backend README): sets --model, --plan, --prompt, "
                    + "--chunk and --policies, which may then not be given.")
    String workload;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "R", description = "Timed replays per policy (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed replays per policy before them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--lane-cpus", split = ",", paramLabel = "CPU,CPU",
            description = "CPU each lane's worker is pinned to, in lane order (npu,cpu); default: one allowed CPU per lane.")
    int[] laneCpus;

    @Option(names = "--unpinned", description = "Leave the lanes' workers unpinned (the OS places them).")
    boolean unpinned;

    @Option(names = "--spin-us", defaultValue = "50", paramLabel = "US",
            description = "How long a lane whose next task is not ready busy-waits before it parks, in µs; 0 parks at once "
                    + "(default: ${DEFAULT-VALUE}).")
    long spinUs;

    @Option(names = "--online",
            description = "Drive each policy by the lanes' real completion events, deciding with the profile's costs, instead of "
                    + "replaying the per-lane orders of its simulated run.")
    boolean online;

    @Option(names = "--share-layer-weights",
            description = "Give every layer the first layer's weights, so a model whose per-layer weights do not fit the memory "
                    + "budget still runs (the output check uses the same shared weights).")
    boolean shareLayerWeights;

    @Mixin
    SeedOption seed;

    @Option(names = "--no-contention",
            description = "Simulate without the profile's shared-memory contention (its 'contention' entries), to see what it contributes.")
    boolean noContention;

    @Option(names = "--force",
            description = "Validate even against a profile that was not measured on this backend, model, plan and machine "
                    + "(a bundled device, another model's calibration): warns on stderr and marks every output as forced.")
    boolean force;

    @Option(names = "--in-situ", defaultValue = "3", paramLabel = "K",
            description = "Replay K random calibration plans in every round beside the policies and refit the profile's points to them,"
                    + " then simulate the policies with the refitted costs (the given profile's own prediction is reported beside);"
                    + " 0: off (host backend; default: ${DEFAULT-VALUE}, 0 on other backends).")
    int inSitu;

    @Option(names = "--max-foreign-load", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Refuse if other processes take more than this fraction of a lane CPU's time, in the idle second before "
                    + "the runs or during them (host backend; default: ${DEFAULT-VALUE}).")
    double maxForeignLoad;

    @Option(names = "--allow-noisy",
            description = "Validate even with other load over --max-foreign-load (or steal time over 5%) on a lane CPU: warns on stderr "
                    + "and the JSON says noisy with the measured foreignLoad.")
    boolean allowNoisy;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write validation.json/.csv, residuals.csv (every task of every run), perfetto.json (one process "
                    + "per simulated or measured run; open it in ui.perfetto.dev), charts/gantt-POLICY.svg|png (simulated above "
                    + "the median measured run), charts/parity.svg|png and, with two policies or more, charts/ranking.svg|png "
                    + "(simulated against measured speedup per policy pair) into DIR.")
    Path out;

    @Override
    public Integer call() {
        if (workload != null) {
            ValidationWorkloads.Workload w = ValidationWorkloads.forCommand(workload, ValidationWorkloads.Command.VALIDATE,
                    spec.commandLine().getParseResult()::hasMatchedOption);
            model.value = w.model();
            plan.value = w.plan();
            prompt = w.promptTokens();
            chunk = w.chunkTokens();
            policies = String.join(",", w.policies());
        }
        List<String> names = Arrays.stream(policies.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> problems = new ArrayList<>();
        if (!Backends.names().contains(backend)) {
            problems.add("unknown backend '" + backend + "' (known: " + String.join(", ", Backends.names()) + ")");
        }
        if (!Files.isRegularFile(profile)) problems.add("profile " + profile + " is not a file (write one with 'hetsched profile --out FILE')");
        if (names.isEmpty()) problems.add("--policies names no policy");
        for (String name : names.stream().distinct().toList()) {
            if (names.indexOf(name) != names.lastIndexOf(name)) problems.add("--policies names '" + name + "' twice");
            if (!PolicyCatalog.names().contains(name)) problems.add("unknown policy '" + name + "' (known: " + String.join(", ", PolicyCatalog.names()) + ")");
        }
        if (prompt < 1) problems.add("--prompt must be >= 1, got " + prompt);
        if (chunk < 1) problems.add("--chunk must be >= 1, got " + chunk);
        if (runs < 1) problems.add("--runs must be >= 1, got " + runs);
        if (warmup < 0) problems.add("--warmup must be >= 0, got " + warmup);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            problems.add("--out " + out + " exists and is not a directory");
        } else if (out != null) {
            try {
                OutputFiles.checkWritable(out, true); // before minutes of replays, not after
            } catch (UserInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (out != null && !names.isEmpty() && runs > ValidationOutputs.maxRuns(names.size())) {
            problems.add("--runs " + runs + " with " + names.size() + " policies is too many for one trace file with --out; at most "
                    + ValidationOutputs.maxRuns(names.size()));
        }
        if (laneCpus != null && Arrays.stream(laneCpus).anyMatch(c -> c < 0)) {
            problems.add("--lane-cpus must be CPU numbers >= 0, got " + Arrays.toString(laneCpus));
        }
        if (laneCpus != null && Arrays.stream(laneCpus).distinct().count() < laneCpus.length) {
            problems.add("--lane-cpus " + Arrays.toString(laneCpus) + " pins two lanes to one CPU; give each lane its own");
        }
        if (unpinned && laneCpus != null) problems.add("--unpinned and --lane-cpus contradict each other; give one");
        if (spinUs < 0) problems.add("--spin-us must be >= 0, got " + spinUs);
        if (inSitu < 0) problems.add("--in-situ must be >= 0 plans, got " + inSitu);
        if (!backend.equals("host")) {
            if (inSitu > 0 && spec.commandLine().getParseResult().hasMatchedOption("--in-situ")) {
                problems.add("--in-situ needs the host backend, whose lanes report every task's duration");
            }
            inSitu = 0;
        }
        LoadMonitor.Policy noise = null;
        try {
            noise = new LoadMonitor.Policy(maxForeignLoad, allowNoisy);
        } catch (UserInputException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        int[] cpus = unpinned ? new int[0] : laneCpus != null ? laneCpus : ReplayOptions.defaults(Backends.lanes(backend).size()).laneCpus();
        ReplayOptions lanes = new ReplayOptions(cpus, spinUs * 1_000);
        lanes.check(Backends.lanes(backend));

        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(model.value, profile.toString(), plan.value, null, prompt, chunk, null,
                false, false).withContention(!noContention), names.get(0), seed.value, Runtime.getRuntime().maxMemory());
        List<String> mismatches = HostValidation.profileMismatches(request, backend);
        if (!mismatches.isEmpty() && force) {
            PrintWriter err = spec.commandLine().getErr();
            for (String why : mismatches) err.println("warning: --force: " + why + "; the errors will not be the simulator's");
            err.flush();
        }
        LoadMonitor load = backend.equals("host") ? LoadMonitor.ofThisMachine(noise, cpus) : null;
        List<HostValidation.Run> runsDone = HostValidation.run(request, names,
                new HostValidation.Settings(backend, runs, warmup, lanes, online, shareLayerWeights, force, inSitu), load);
        List<ValidationReport> reports = runsDone.stream().map(r -> {
            ValidationReport report = ValidationReport.of(r.policy(), r.traces(), r.check(), r.forcedMismatches());
            return r.inSitu() == null ? report : report.withProfileSimulation(r.profileSimulated().makespanNs());
        }).toList();
        LoadMonitor.Outcome noisy = load == null ? null : load.outcome();
        if (noisy != null) {
            PrintWriter err = spec.commandLine().getErr();
            noisy.warnings().forEach(err::println);
            err.flush();
        }
        String json = ValidationTable.json(reports, noisy != null && noisy.noisy() ? noisy.foreignLoad() : null);
        if (out != null) {
            ValidationOutputs.files(reports.stream().map(ValidationReport::traces).toList(), json + System.lineSeparator(),
                    ValidationTable.csv(reports)).writeTo(out);
        }
        PrintWriter w = spec.commandLine().getOut();
        String settings = String.format(Locale.ROOT, "%d timed %s replays per policy after %d warm-up, %s, prompt %d, chunk %d, profile %s",
                runs, online ? "online" : "plan", warmup, model.value, prompt, chunk, profile);
        HostValidation.InSitu refit = runsDone.get(0).inSitu();
        if (refit != null) settings = refit.describe() + System.lineSeparator() + settings;
        if (noisy != null) settings = noisy.line() + System.lineSeparator() + settings;
        w.print(format == OutputFormat.json ? json + System.lineSeparator() : ValidationTable.text(reports, settings));
        w.flush();
        return ExitCodes.OK;
    }
}
