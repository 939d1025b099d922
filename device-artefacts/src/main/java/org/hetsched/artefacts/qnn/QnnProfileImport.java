package org.hetsched.artefacts.qnn;

import static org.hetsched.core.Units.NS_PER_MS;
import static org.hetsched.core.Units.NS_PER_US;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.hetsched.artefacts.onnx.SubgraphModels;
import org.hetsched.core.Median;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.profiles.calibrate.ProfileMerge;
import org.hetsched.profiles.calibrate.ProfileWriter;
import org.hetsched.profiles.calibrate.RobustStats;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.IoFailure;
import org.hetsched.profiles.format.ProcessorProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ProfileCatalog;

/**
 * Turns QNN profiles captured on a real device — the CSVs QNN writes at profiling level "detailed"
 * while running the models of a {@code QnnModelExport} — into measured points of a device profile:
 * the base profile (a built-in device or a profile file) with one processor's {@code costs} points
 * replaced or added, and its graph preparation measured. Every new number names one new source
 * that starts with "Measured:" and says which files (with their SHA-256), how many executions, what
 * spread, which manifest, when and with which hetsched version.
 *
 * <h2>Arithmetic</h2>
 * <ol>
 *   <li>A CSV's file name up to its first dot names its model in the manifest
 *       ({@code ffn-c256.csv} → {@code ffn-c256}). Several files may name one model; their executions
 *       pool. The CSV names neither its graph nor its shapes, so its node names must fit that model:
 *       every execution lists only the model's nodes and at least one node of each of its ops with
 *       nodes ({@link #checkNodes}). A profile of the same op list at another chunk size has the same
 *       node names; only the file name tells them apart.</li>
 *   <li>The first {@code warmupExecutions} executions of each file are skipped (a first run carries
 *       one-time set-up: power-up, caches).</li>
 *   <li>Per execution, each NODE row becomes ns: a row in cycles × the execution's "Accelerator
 *       (execute) time" / its "Accelerator (execute) time (cycles)" (without the cycles row: / the
 *       sum of the node cycles, which is what the HTP writes there); a row in time units as it is.
 *       A node {@code op<i>.…} counts for op i. QNN's own nodes (Input, Output: moving the graph's
 *       inputs and outputs) name no op; their time is spread over the ops in proportion to each op's
 *       time, so the ops of an execution add up to its accelerator time — the graph's time on the
 *       NPU, which is what the simulator prices a task at (the sum of its ops). The gap from there to
 *       "QNN (execute) time" (the host side of a call) is not in the points; the source gives both
 *       medians.</li>
 *   <li>Per op shape (kind, dtype from the plan's NPU placement, batch, m, k, n): the samples of
 *       every op of that shape in every used execution of every file pool, and
 *       {@link RobustStats#summarize} gives the median (after dropping samples beyond 3 MAD) and the
 *       MAD as spread. An op without nodes, or whose nodes take 0 in every execution (QNN folded its
 *       work into a neighbour), gives no samples and is listed in {@link Result#unmeasuredOps}; the
 *       simulator prices it analytically.</li>
 *   <li>Within one (kind, dtype, batch, k, n), medians that fall as m grows are pooled with their
 *       neighbours (pool-adjacent-violators, as {@code hetsched profile} does), because the format
 *       requires latency not to fall as m grows (rule 11); the source says which.</li>
 *   <li>{@link ProfileMerge} writes the points; FINALIZE rows ("QNN (finalize) time", one per
 *       session: the graph's preparation) give the processor's {@code graphPreparation} perGraphMs,
 *       their median (RobustStats) over all files. Without FINALIZE rows the base's value stays.</li>
 *   <li>The base's {@code measuredOn} (a host calibration's record) is dropped: the profile now
 *       holds numbers measured elsewhere.</li>
 *   <li>The result is validated as any profile file ({@link ProfileReader}) before it is returned.</li>
 * </ol>
 *
 * <p>Memory: every execution's node rows of one file at a time, and the samples. Stateless.
 */
public final class QnnProfileImport {
    /** Executions skipped at the start of each file unless asked otherwise. */
    public static final int DEFAULT_WARMUP_EXECUTIONS = 1;

    private QnnProfileImport() {
    }

    /**
     * What to import.
     *
     * @param csvFiles         QNN profiling CSVs, at least one, no file twice
     * @param manifest         the export's {@code manifest.json}, or its folder
     * @param baseDevice       a built-in device name or a profile file
     * @param processor        the processor that ran the models, or {@code null} for the base's one
     *                         processor of kind NPU
     * @param warmupExecutions executions skipped at the start of each file, ≥ 0
     * @param name             the new profile's name, or {@code null} to keep the base's
     * @param note             free text for the source (the phone, the QNN SDK version), or {@code null}
     */
    public record Request(List<Path> csvFiles, Path manifest, String baseDevice, String processor, int warmupExecutions, String name,
                          String note) {
        /** @throws UserInputException listing every bad value */
        public Request {
            List<String> problems = new ArrayList<>();
            if (csvFiles == null || csvFiles.isEmpty()) {
                problems.add("no QNN profile CSV given");
                csvFiles = List.of();
            }
            Set<Path> seen = new HashSet<>();
            for (Path p : csvFiles) {
                if (!seen.add(p.toAbsolutePath().normalize())) problems.add("QNN profile " + p + " is given twice");
            }
            if (manifest == null) problems.add("no manifest given");
            if (baseDevice == null || baseDevice.isBlank()) problems.add("no base device given");
            if (processor != null && processor.isBlank()) problems.add("the processor name is empty");
            if (warmupExecutions < 0) problems.add("warm-up executions must be >= 0, got " + warmupExecutions);
            if (name != null && name.isBlank()) problems.add("the profile name is empty");
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
            csvFiles = List.copyOf(csvFiles);
        }
    }

    /**
     * One written point.
     *
     * @param summary   the pooled samples' robust median and MAD, ns
     * @param latencyNs what was written: the median, or its pool-adjacent-violators mean
     * @param ops       where the samples come from, "model opI.label" each
     */
    public record ImportedPoint(OpKind kind, DType dtype, int batch, int m, int k, int n, RobustStats.Summary summary, double latencyNs,
                                List<String> ops) {
        public ImportedPoint {
            ops = List.copyOf(ops);
        }

        /** Whether the written latency differs from the median (rule 11). */
        public boolean adjusted() {
            return latencyNs != summary.medianNs();
        }

        /** "LINEAR INT8 1x(16x64 . 64x192)". */
        public String describe() {
            return kind + " " + dtype + " " + batch + "x(" + m + "x" + k + " . " + k + "x" + n + ")";
        }
    }

    /**
     * One CSV read.
     *
     * @param executions         executions in the file
     * @param used               executions after the warm-up
     * @param acceleratorNs      median "Accelerator (execute) time" of the used executions (NaN if none has one)
     * @param executeNs          median "QNN (execute) time" of the used executions
     * @param finalizeRows       FINALIZE rows in the file (one per session)
     */
    public record FileSummary(Path file, String sha256, String model, int executions, int used, double acceleratorNs, double executeNs,
                              int finalizeRows) {
    }

    /**
     * The imported profile.
     *
     * @param profileJson        the profile as indented JSON, validated
     * @param profile            the same, loaded
     * @param processor          the processor the points were written for
     * @param sourceId           the id of the new source
     * @param points             the written points, by (kind, dtype, batch, k, n, m)
     * @param files              per CSV, in the order given
     * @param unmeasuredOps      "model opI.label (KIND)" of ops with no time of their own
     * @param replaced           base points replaced by a point of the same shape
     * @param dropped            base points dropped to keep latency non-decreasing in m
     * @param graphPreparationNs the written preparation per graph, or empty if no file had a FINALIZE row
     */
    public record Result(String profileJson, DeviceProfile profile, String processor, String sourceId, List<ImportedPoint> points,
                         List<FileSummary> files, List<String> unmeasuredOps, List<String> replaced, List<String> dropped,
                         OptionalDouble graphPreparationNs) {
        public Result {
            points = List.copyOf(points);
            files = List.copyOf(files);
            unmeasuredOps = List.copyOf(unmeasuredOps);
            replaced = List.copyOf(replaced);
            dropped = List.copyOf(dropped);
        }

        /** Writes the profile to {@code out}, which stays open; filing it all or nothing is the caller's part. */
        public void writeProfile(OutputStream out) throws IOException {
            out.write(profileJson.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /**
     * Runs the import.
     *
     * @param version the hetsched version, for the source
     * @param date    when the import runs, for the source
     * @throws UserInputException with one message naming the file and line or field, if a CSV,
     *     the manifest or the base device is missing or malformed, a CSV names no model of the
     *     manifest (the message lists them), the processor is not in the base or cannot compute a
     *     dtype the models need, or a file has no execution left after the warm-up
     */
    public static Result run(Request request, String version, Instant date) {
        QnnModelManifest manifest = QnnModelManifest.read(request.manifest());
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        DeviceProfile base = catalog.get(request.baseDevice());
        String baseText = catalog.json(request.baseDevice());
        ProcessorProfile processor = processor(base, request.processor());
        Map<Path, QnnModelManifest.Model> modelOf = modelsOf(request, manifest, base, processor);

        Samples samples = new Samples();
        for (Map.Entry<Path, QnnModelManifest.Model> e : modelOf.entrySet()) {
            samples.read(e.getKey(), e.getValue(), manifest, request.warmupExecutions());
        }
        List<String> unmeasured = samples.unmeasured();
        if (samples.byShape.isEmpty()) {
            throw new UserInputException("no op of " + String.join(", ", modelOf.values().stream().map(QnnModelManifest.Model::name).distinct().toList())
                    + " has a time of its own in " + request.csvFiles() + " (ops: " + String.join("; ", unmeasured) + ")");
        }
        List<ImportedPoint> points = samples.points();
        List<ProfileMerge.NewPoint> newPoints = new ArrayList<>();
        for (ImportedPoint p : points) {
            newPoints.add(new ProfileMerge.NewPoint(p.kind(), p.dtype(), p.batch(), p.m(), p.k(), p.n(), p.latencyNs() / NS_PER_MS));
        }
        List<FileSummary> files = samples.files;
        List<Long> finalizeNs = samples.finalizeNs;

        ObjectNode root = parseTree(baseText, request.baseDevice());
        // the base's own calibration record no longer describes a profile with points measured elsewhere
        ProfileJson.removeMeasuredOn(root);
        String sourceId = freeSourceId(base, date);
        ProfileMerge.Outcome outcome = ProfileMerge.addPoints(root, processor.name(), newPoints, sourceId);
        OptionalDouble preparation = OptionalDouble.empty();
        RobustStats.Summary finalize = null;
        if (!finalizeNs.isEmpty()) {
            finalize = RobustStats.summarize(finalizeNs.stream().mapToLong(Long::longValue).toArray());
            if (finalize.medianNs() > 0) {
                preparation = OptionalDouble.of(finalize.medianNs());
                ProfileJson.setGraphPreparation(root, processor.name(), finalize.medianNs() / NS_PER_MS, sourceId);
            }
        }
        String modelNames = String.join(", ", files.stream().map(FileSummary::model).distinct().toList());
        if (request.name() != null) ProfileJson.setName(root, request.name());
        ProfileJson.setDescription(root, ProfileJson.description(root) + "; " + processor.name() + " op costs of " + manifest.model()
                + " (" + modelNames + ") measured with QNN profiling and imported on " + date.truncatedTo(ChronoUnit.SECONDS));
        ProfileJson.putSource(root, sourceId, sourceText(request, manifest, version, date, processor.name(), files, points,
                unmeasured, outcome, finalize, finalizeNs.size()));

        String json = ProfileJson.toText(root);
        DeviceProfile profile = ProfileReader.parse(json, "the profile imported into " + request.baseDevice());
        return new Result(json, profile, processor.name(), sourceId, points, files, unmeasured, outcome.replaced(),
                outcome.dropped(), preparation);
    }

    /**
     * The model each CSV names, after checking that every name is a model of the manifest and that
     * the processor computes every dtype of those models; all problems at once.
     */
    private static Map<Path, QnnModelManifest.Model> modelsOf(Request request, QnnModelManifest manifest, DeviceProfile base,
                                                            ProcessorProfile processor) {
        List<String> problems = new ArrayList<>();
        Map<Path, QnnModelManifest.Model> modelOf = new LinkedHashMap<>();
        Set<String> checked = new HashSet<>();
        for (Path csv : request.csvFiles()) {
            String stem = stem(csv);
            QnnModelManifest.Model model = manifest.model(stem).orElse(null);
            if (model == null) {
                problems.add(csv + ": its name '" + stem + "' names no model of " + request.manifest() + " (name each CSV <model>.csv; models: "
                        + String.join(", ", manifest.names()) + ")");
                continue;
            }
            modelOf.put(csv, model);
            if (!checked.add(model.name())) continue;
            for (QnnModelManifest.ModelOp op : model.ops()) {
                if (!processor.dtypes().contains(op.dtype())) {
                    problems.add("processor " + processor.name() + " of " + base.name() + " computes " + sorted(processor.dtypes())
                            + ", but op " + op.index() + " (" + model.opName(op.index()) + ", " + op.op().kind() + ") of model " + model.name()
                            + " is " + op.dtype() + " (choose the processor with --processor)");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
        return modelOf;
    }

    /**
     * Steps 1–5 of the class comment: the per-op samples of every CSV read so far, pooled by shape.
     * Holds every sample; single-threaded.
     */
    private static final class Samples {
        final Map<Shape, List<Long>> byShape = new TreeMap<>();
        final Map<Shape, List<String>> opsOf = new LinkedHashMap<>();
        final Set<String> measuredOps = new HashSet<>();
        final Map<String, String> unmeasuredOps = new LinkedHashMap<>();
        final List<FileSummary> files = new ArrayList<>();
        final List<Long> finalizeNs = new ArrayList<>();

        void read(Path csv, QnnModelManifest.Model model, QnnModelManifest manifest, int warmupExecutions) {
            QnnProfileCsv.Chunk chunk = QnnProfileCsv.parse(csv);
            List<QnnExecution> executions = chunk.executions();
            if (executions.size() <= warmupExecutions) {
                throw new UserInputException(csv + ": holds " + executions.size() + " execution" + (executions.size() == 1 ? "" : "s")
                        + " and --warmup-executions " + warmupExecutions + " skips " + (executions.isEmpty() ? "them" : "all of them")
                        + "; run the model more times (or skip fewer)");
            }
            checkNodes(csv, executions, model, manifest);
            List<QnnExecution> used = executions.subList(warmupExecutions, executions.size());
            int opCount = model.ops().size();
            List<List<Long>> perOp = new ArrayList<>();
            for (int i = 0; i < opCount; i++) perOp.add(new ArrayList<>());
            List<Long> accelerator = new ArrayList<>();
            List<Long> execute = new ArrayList<>();
            for (QnnExecution ex : used) {
                ExecutionOps ops = opNs(csv, ex, model);
                for (int i = 0; i < opCount; i++) {
                    if (ops.measured()[i]) perOp.get(i).add(Math.round(ops.opNs()[i]));
                }
                if (ex.acceleratorNs() >= 0) accelerator.add(ex.acceleratorNs());
                execute.add(ex.executeNs());
            }
            for (int i = 0; i < opCount; i++) {
                QnnModelManifest.ModelOp op = model.ops().get(i);
                String where = model.name() + " op" + i + "." + model.opName(i);
                List<Long> s = perOp.get(i);
                if (s.isEmpty() || s.stream().allMatch(v -> v == 0)) {
                    unmeasuredOps.putIfAbsent(where, where + " (" + op.op().kind() + (s.isEmpty() ? ", no node" : ", 0 in every execution") + ")");
                    continue;
                }
                measuredOps.add(where);
                Shape shape = Shape.of(op.op(), op.dtype());
                byShape.computeIfAbsent(shape, k -> new ArrayList<>()).addAll(s);
                List<String> from = opsOf.computeIfAbsent(shape, k -> new ArrayList<>());
                if (!from.contains(where)) from.add(where);
            }
            finalizeNs.addAll(chunk.finalizeNs());
            files.add(new FileSummary(csv, sha256(csv), model.name(), executions.size(), used.size(), Median.of(accelerator), Median.of(execute),
                    chunk.finalizeNs().size()));
        }

        /** Ops with no time of their own in any file, "model opI.label (KIND, why)". */
        List<String> unmeasured() {
            List<String> out = new ArrayList<>();
            unmeasuredOps.forEach((where, text) -> {
                if (!measuredOps.contains(where)) out.add(text);
            });
            return out;
        }

        /** One point per shape: robust median and MAD, then pool-adjacent-violators over m. */
        List<ImportedPoint> points() {
            List<Shape> shapes = new ArrayList<>(byShape.keySet());
            List<RobustStats.Summary> summaries = new ArrayList<>();
            for (Shape s : shapes) summaries.add(RobustStats.summarize(byShape.get(s).stream().mapToLong(Long::longValue).toArray()));
            double[] written = nonDecreasingInM(shapes, summaries);
            List<ImportedPoint> points = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                points.add(new ImportedPoint(s.kind(), s.dtype(), s.batch(), s.m(), s.k(), s.n(), summaries.get(i), written[i], opsOf.get(s)));
            }
            return points;
        }
    }

    /**
     * Refuses a file whose executions are not of {@code model}: the CSV names neither its graph nor
     * its shapes, so its node names are what ties it to a manifest entry. Each execution must list
     * only nodes of the model ({@link #foreignNode}) and at least one node of each op that has
     * nodes ({@link #missingOps}; QNN lists an op it folded away with 0 cycles, and drops only nodes
     * of constants, which no op consists of alone).
     *
     * @throws QnnProfileException naming the first execution that does not fit, what the model
     *     expects, and the manifest's models whose nodes every execution fits
     */
    static void checkNodes(Path csv, List<QnnExecution> executions, QnnModelManifest.Model model, QnnModelManifest manifest) {
        for (QnnExecution ex : executions) {
            if (ex.nodes().isEmpty()) continue; // opNs says to profile at level detailed
            String problem = foreignNode(ex, model);
            if (problem == null) problem = missingOps(ex, model);
            if (problem == null) continue;
            List<String> fits = new ArrayList<>();
            for (QnnModelManifest.Model other : manifest.models()) {
                if (executions.stream().allMatch(e -> foreignNode(e, other) == null && missingOps(e, other) == null)) fits.add(other.name());
            }
            throw new QnnProfileException(csv, ex.line(), problem + "; the file's nodes fit " + (fits.isEmpty() ? "no model of the manifest"
                    : "model " + String.join(", ", fits) + " of the manifest") + " (name each CSV after the model it profiles)");
        }
    }

    /** The first node of {@code execution} that is not one of {@code model}'s, described, or null. */
    static String foreignNode(QnnExecution execution, QnnModelManifest.Model model) {
        int opCount = model.ops().size();
        for (QnnNodeEvent n : execution.nodes()) {
            int op = SubgraphModels.opIndex(n.node());
            if (op < 0 || model.hasProfiledNode(n.node())) continue;
            String prefix = op < opCount ? model.nodePrefix(op) : null;
            return "node \"" + n.node() + "\" of the execution ending here is not a node of model " + model.name() + " ("
                    + (op < opCount ? "its op " + op + " is " + model.opName(op)
                    + (prefix == null ? ", which has no node" : ", nodes " + prefix + ".*") : "it has ops 0.." + (opCount - 1)) + ")";
        }
        return null;
    }

    /** The ops of {@code model} that have nodes but none in {@code execution}, described, or null if there are none. */
    static String missingOps(QnnExecution execution, QnnModelManifest.Model model) {
        Set<Integer> seen = new HashSet<>();
        for (QnnNodeEvent n : execution.nodes()) seen.add(SubgraphModels.opIndex(n.node()));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < model.ops().size(); i++) {
            String prefix = model.nodePrefix(i);
            if (prefix != null && !seen.contains(i)) {
                missing.add("op " + i + " (" + model.opName(i) + ", " + model.ops().get(i).op().kind() + "; nodes " + prefix + ".*)");
            }
        }
        if (missing.isEmpty()) return null;
        return "the execution ending here has no node of " + String.join(", ", missing) + ", which model " + model.name()
                + " computes";
    }

    /** One execution's time per op, ns, and which ops had at least one node. */
    record ExecutionOps(double[] opNs, boolean[] measured) {
    }

    /**
     * Step 3 of the class comment for one execution.
     *
     * @throws QnnProfileException naming the execution's EXECUTE line if it has no node rows, node
     *     cycles but no accelerator time to scale them by, or a node the model does not have
     *     ({@link #foreignNode})
     */
    static ExecutionOps opNs(Path csv, QnnExecution execution, QnnModelManifest.Model model) {
        List<QnnNodeEvent> nodes = execution.nodes();
        if (nodes.isEmpty()) {
            throw new QnnProfileException(csv, execution.line(), "the execution ending here has no NODE rows; profile at level detailed"
                    + " (ONNX Runtime's QNN provider option profiling_level=detailed)");
        }
        long cycleSum = 0;
        boolean anyCycles = false;
        for (QnnNodeEvent n : nodes) {
            if (n.unit() == ProfilingEvent.Unit.CYCLES) {
                anyCycles = true;
                cycleSum += n.value();
            }
        }
        double nsPerCycle = 0;
        if (anyCycles) {
            if (execution.acceleratorNs() < 0) {
                throw new QnnProfileException(csv, execution.line(), "the execution ending here gives its nodes in cycles but has no"
                        + " \"Accelerator (execute) time\" row in US to turn them into time");
            }
            long cycles = execution.acceleratorCycles() > 0 ? execution.acceleratorCycles() : cycleSum;
            nsPerCycle = cycles > 0 ? (double) execution.acceleratorNs() / cycles : 0;
        }
        int opCount = model.ops().size();
        double[] ns = new double[opCount];
        boolean[] measured = new boolean[opCount];
        double unattributed = 0;
        String foreign = foreignNode(execution, model);
        if (foreign != null) throw new QnnProfileException(csv, execution.line(), foreign + "; is the file named after the model it profiles?");
        for (QnnNodeEvent n : nodes) {
            double value = n.unit() == ProfilingEvent.Unit.CYCLES ? n.value() * nsPerCycle : n.value();
            int op = SubgraphModels.opIndex(n.node());
            if (op < 0) {
                unattributed += value;
                continue;
            }
            ns[op] += value;
            measured[op] = true;
        }
        double attributed = 0;
        for (double v : ns) attributed += v;
        if (attributed > 0 && unattributed > 0) {
            for (int i = 0; i < opCount; i++) ns[i] += unattributed * ns[i] / attributed;
        }
        return new ExecutionOps(ns, measured);
    }

    /** Pool-adjacent-violators over m within each (kind, dtype, batch, k, n); {@code shapes} sorted so. */
    private static double[] nonDecreasingInM(List<Shape> shapes, List<RobustStats.Summary> summaries) {
        double[] out = new double[shapes.size()];
        int start = 0;
        while (start < shapes.size()) {
            int end = start;
            while (end + 1 < shapes.size() && shapes.get(start).sameFamily(shapes.get(end + 1))) end++;
            double[] medians = new double[end - start + 1];
            for (int i = 0; i < medians.length; i++) medians[i] = summaries.get(start + i).medianNs();
            System.arraycopy(ProfileWriter.pava(medians), 0, out, start, medians.length);
            start = end + 1;
        }
        return out;
    }

    /** An op's cost key; ordered by kind, dtype, batch, k, n, then m, so an m-family is contiguous. */
    private record Shape(OpKind kind, DType dtype, int batch, int m, int k, int n) implements Comparable<Shape> {
        private static final Comparator<Shape> ORDER = Comparator.comparing(Shape::kind).thenComparing(Shape::dtype)
                .thenComparingInt(Shape::batch).thenComparingInt(Shape::k).thenComparingInt(Shape::n).thenComparingInt(Shape::m);

        static Shape of(Op op, DType dtype) {
            return new Shape(op.kind(), dtype, op.batch(), op.m(), op.k(), op.n());
        }

        boolean sameFamily(Shape o) {
            return kind == o.kind && dtype == o.dtype && batch == o.batch && k == o.k && n == o.n;
        }

        @Override
        public int compareTo(Shape o) {
            return ORDER.compare(this, o);
        }
    }

    private static ProcessorProfile processor(DeviceProfile base, String name) {
        if (name != null) {
            for (ProcessorProfile p : base.processors()) {
                if (p.name().equals(name)) return p;
            }
            throw new UserInputException("device " + base.name() + " has no processor '" + name + "' (it has "
                    + String.join(", ", base.processors().stream().map(ProcessorProfile::name).toList()) + ")");
        }
        List<ProcessorProfile> npus = base.processors().stream().filter(p -> p.kind() == ProcessorKind.NPU).toList();
        if (npus.size() != 1) {
            throw new UserInputException("device " + base.name() + " has " + npus.size() + " processors of kind NPU ("
                    + String.join(", ", npus.stream().map(ProcessorProfile::name).toList()) + "); name the one that ran the models with --processor");
        }
        return npus.get(0);
    }

    /** The file name up to its first dot (the whole name if it has none). */
    static String stem(Path csv) {
        String name = csv.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** "qnn-import-YYYY-MM-DD", with "-2", "-3", … if the base already has it. */
    private static String freeSourceId(DeviceProfile base, Instant date) {
        String id = "qnn-import-" + date.toString().substring(0, 10);
        String candidate = id;
        for (int i = 2; base.sources().containsKey(candidate); i++) candidate = id + "-" + i;
        return candidate;
    }

    private static String sourceText(Request request, QnnModelManifest manifest, String version, Instant date, String processor,
                                     List<FileSummary> files, List<ImportedPoint> points, List<String> unmeasured, ProfileMerge.Outcome outcome,
                                     RobustStats.Summary finalize, int finalizeRows) {
        StringBuilder t = new StringBuilder();
        t.append("Measured: QNN profiling (level detailed) of the ").append(processor).append(" running the ONNX models of manifest ")
                .append(request.manifest()).append(" (").append(QnnModelManifest.FORMAT).append(", model ").append(manifest.model())
                .append(", plan ").append(manifest.plan()).append(", chunks ").append(manifest.chunkTokens()).append(", exported by hetsched ")
                .append(manifest.hetschedVersion()).append("), imported by hetsched ").append(version).append(" (hetsched profile import) on ")
                .append(date.truncatedTo(ChronoUnit.SECONDS)).append('.');
        if (request.note() != null && !request.note().isBlank()) t.append(" Note: ").append(request.note().strip()).append('.');
        t.append(" Files:");
        for (int i = 0; i < files.size(); i++) {
            FileSummary f = files.get(i);
            t.append(i == 0 ? " " : "; ").append(f.file().getFileName()).append(" (SHA-256 ").append(f.sha256()).append(", model ")
                    .append(f.model()).append(", ").append(f.executions()).append(" executions, the first ")
                    .append(f.executions() - f.used()).append(" skipped as warm-up, ").append(f.used()).append(" used; median accelerator time ")
                    .append(Double.isNaN(f.acceleratorNs()) ? "not given" : us(f.acceleratorNs()) + " us").append(", QNN execute time ")
                    .append(us(f.executeNs())).append(" us)");
        }
        t.append(". Per execution, node cycles become time by the execution's accelerator time / accelerator cycles; QNN's Input and"
                + " Output nodes are spread over the ops in proportion to their time, so an execution's ops add up to its accelerator time"
                + " (the host side of QNN's execute time is not in the points); an op's time is the sum of its nodes'. Per shape"
                + " (kind dtype batch x (m x k . k x n)), the samples of every op of that shape in every used execution pool: median after"
                + " dropping samples beyond ").append(RobustStats.OUTLIER_MADS).append(" MAD, MAD as spread:");
        for (int i = 0; i < points.size(); i++) {
            ImportedPoint p = points.get(i);
            RobustStats.Summary s = p.summary();
            t.append(i == 0 ? " " : "; ").append(p.describe()).append(" median ").append(us(s.medianNs())).append(" us, MAD ")
                    .append(us(s.madNs())).append(" us, ").append(s.kept()).append(" of ").append(s.kept() + s.rejected())
                    .append(" samples kept, from ").append(String.join(", ", p.ops()));
            if (p.adjusted()) {
                t.append(", written as ").append(us(p.latencyNs())).append(" us, the mean with its neighbours in m (pool-adjacent-violators),"
                        + " because latency may not fall as m grows (profile format rule 11)");
            }
        }
        t.append('.');
        if (!unmeasured.isEmpty()) {
            t.append(" No time of their own (QNN folded them into other nodes), so left to the analytic estimate: ")
                    .append(String.join(", ", unmeasured)).append('.');
        }
        if (!outcome.replaced().isEmpty()) t.append(" Replaced points of the base: ").append(String.join("; ", outcome.replaced())).append('.');
        if (!outcome.dropped().isEmpty()) {
            t.append(" Dropped from the base because they would make latency fall as m grows against these measurements: ")
                    .append(String.join("; ", outcome.dropped())).append('.');
        }
        if (finalize != null && finalize.medianNs() > 0) {
            t.append(" Graph preparation: median of ").append(finalizeRows).append(" \"QNN (finalize) time\" rows (one per session), ")
                    .append(String.format(Locale.ROOT, "%.3f", finalize.medianNs() / NS_PER_MS)).append(" ms, MAD ")
                    .append(String.format(Locale.ROOT, "%.3f", finalize.madNs() / NS_PER_MS)).append(" ms, for graphs of the sizes above.");
        }
        return t.toString();
    }

    private static ObjectNode parseTree(String json, String what) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the validated profile " + what + " cannot be read as a JSON object again", e);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UserInputException("cannot read QNN profile " + file + ": " + IoFailure.reason(e), e);
        }
    }

    private static List<String> sorted(Set<DType> dtypes) {
        return dtypes.stream().sorted().map(Enum::name).toList();
    }

    private static String us(double ns) {
        return String.format(Locale.ROOT, "%.3f", ns / NS_PER_US);
    }
}
