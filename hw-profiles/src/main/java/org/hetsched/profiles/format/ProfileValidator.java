package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hetsched.core.Units;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.ProcessorKind;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.profiles.format.ProfileFields.ContentionEntry;
import org.hetsched.profiles.format.ProfileFields.AnalyticEntry;
import org.hetsched.profiles.format.ProfileFields.AttentionObject;
import org.hetsched.profiles.format.ProfileFields.CostEntry;
import org.hetsched.profiles.format.ProfileFields.MeasuredOnObject;
import org.hetsched.profiles.format.ProfileFields.PointEntry;
import org.hetsched.profiles.format.ProfileFields.FirstRunObject;
import org.hetsched.profiles.format.ProfileFields.PrefillObject;
import org.hetsched.profiles.format.ProfileFields.PreparationEntry;
import org.hetsched.profiles.format.ProfileFields.ProcessorEntry;
import org.hetsched.profiles.format.ProfileFields.Roofline;
import org.hetsched.profiles.format.ProfileFields.ShadowObject;
import org.hetsched.profiles.format.ProfileFields.Sourced;
import org.hetsched.profiles.format.ProfileFields.SyncEntry;
import org.hetsched.profiles.format.ProfileFields.Top;
import org.hetsched.profiles.format.ProfileFields.WeightRemapObject;

/**
 * The one place where a device profile's JSON tree is checked and turned into a
 * {@link DeviceProfile}. Every problem is collected (missing, unknown or mistyped fields; NaN,
 * infinite, negative or zero numbers; unknown processor kinds, dtypes, op kinds, processors and
 * source ids; duplicates; incomplete analytic and sync tables; measured latencies that fall as m
 * grows) and reported together in one {@link ProfileFormatException}. The rules are listed in
 * hw-profiles/README.md.
 *
 * <p>Units are converted here, once: {@code ...Ms} and {@code ...Us} fields become ns.
 */
public final class ProfileValidator {
    /** The value of the optional top-level {@code format} field. */
    public static final String FORMAT = "hetsched-device-profile/1";

    private static final List<ProcessorKind> KINDS = JsonObjectReader.all(ProcessorKind.class);
    private static final List<DType> DTYPES = JsonObjectReader.all(DType.class);
    private static final List<OpKind> OP_KINDS = JsonObjectReader.all(OpKind.class);
    /** The roles of a partition plan's subgraphs: the only tasks a device profile prices (GENERIC is a graph file's). */
    private static final List<SubgraphRole> PLAN_ROLES =
            JsonObjectReader.all(SubgraphRole.class).stream().filter(r -> r != SubgraphRole.GENERIC).toList();

    private final String file;
    private final Problems problems = new Problems();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private boolean sourcesKnown;
    /** Processors whose name parsed, with their dtypes ({@code null} when those did not parse). */
    private final Map<String, Set<DType>> processorDtypes = new LinkedHashMap<>();
    /** Whether {@code processors} was an array; without it every reference would be a second report of that one problem. */
    private boolean processorsRead;

    private ProfileValidator(String file) {
        this.file = file;
    }

    /**
     * Checks {@code root} and builds the profile.
     *
     * @param file the file name to put in messages
     * @throws ProfileFormatException listing every problem found
     */
    public static DeviceProfile validate(JsonNode root, String file) {
        return new ProfileValidator(file).run(root);
    }

    private DeviceProfile run(JsonNode root) {
        JsonObjectReader top = JsonObjectReader.of(root, "$", problems);
        if (top == null) throw new ProfileFormatException(file, problems.list());
        String format = top.string(Top.FORMAT, false);
        if (format != null && !format.equals(FORMAT)) {
            problems.add(top.pathOf(Top.FORMAT), "expected '" + FORMAT + "', got '" + format + "'"
                    + (format.equals(PlanValidator.FORMAT) ? " (this is a partition plan, not a device profile)" : ""));
        }
        String name = top.string(Top.NAME, true);
        String description = top.string(Top.DESCRIPTION, true);
        readSources(top.object(Top.SOURCES, true));
        List<ProcessorProfile> processors = readProcessors(top.array(Top.PROCESSORS, true, true), top.pathOf(Top.PROCESSORS));
        List<AnalyticCosts> analytic = readAnalytic(top.array(Top.ANALYTIC, true, false), top.pathOf(Top.ANALYTIC));
        List<MeasuredCosts> costs = readCosts(top.array(Top.COSTS, false, false), top.pathOf(Top.COSTS));
        List<SyncCost> sync = readSync(top.array(Top.SYNC, true, false), top.pathOf(Top.SYNC));
        List<GraphPreparation> preparation = readPreparation(top.array(Top.GRAPH_PREPARATION, false, false),
                top.pathOf(Top.GRAPH_PREPARATION));
        MeasuredOn measuredOn = readMeasuredOn(top.object(Top.MEASURED_ON, false));
        PrefillSetup prefill = readPrefill(top.object(Top.PREFILL, false), processors);
        ShadowSplit shadow = readShadow(top.object(Top.SHADOW, false));
        List<ContentionSlowdown> contention = readContention(top.array(Top.CONTENTION, false, false), top.pathOf(Top.CONTENTION));
        top.rejectUnknownKeys();
        if (!problems.isEmpty()) throw new ProfileFormatException(file, problems.list());
        return new DeviceProfile(name, description, sources, processors, analytic, costs, sync, preparation, measuredOn,
                prefill, shadow, contention);
    }

    /** The optional {@code prefill} object ({@link PrefillSetup}), or {@code null} if absent or bad (with problems). */
    private PrefillSetup readPrefill(JsonObjectReader o, List<ProcessorProfile> processors) {
        if (o == null) return null;
        SourcedValue setup = sourced(o, PrefillObject.SETUP_MS, true, NumberRule.NON_NEGATIVE, time("ms"));
        JsonObjectReader r = o.object(PrefillObject.WEIGHT_REMAP, false);
        PrefillSetup.WeightRemap remap = null;
        boolean remapOk = true;
        if (r != null) {
            String processor = processorRef(r, WeightRemapObject.PROCESSOR);
            SourcedValue rate = sourced(r, WeightRemapObject.BYTES_PER_SECOND, true, NumberRule.POSITIVE, this::rate);
            r.rejectUnknownKeys();
            if (processor != null) {
                ProcessorProfile p = processors.stream().filter(q -> q.name().equals(processor)).findFirst().orElse(null);
                if (p != null && p.memoryBytes() == null) {
                    problems.add(r.pathOf(WeightRemapObject.PROCESSOR), "processor '" + processor
                            + "' has no memoryBytes, so no weights lie beyond it; give it one or remove weightRemap");
                    remapOk = false;
                }
            }
            if (processor != null && rate != null && remapOk) remap = new PrefillSetup.WeightRemap(processor, rate);
            else remapOk = false;
        }
        JsonObjectReader f = o.object(PrefillObject.FIRST_RUN, false);
        PrefillSetup.FirstRun firstRun = null;
        boolean firstRunOk = true;
        if (f != null) {
            String processor = processorRef(f, FirstRunObject.PROCESSOR);
            SourcedValue perGraph = sourced(f, FirstRunObject.PER_GRAPH_MS, true, NumberRule.NON_NEGATIVE, time("ms"));
            f.rejectUnknownKeys();
            if (processor != null && perGraph != null) firstRun = new PrefillSetup.FirstRun(processor, perGraph);
            else firstRunOk = false;
        }
        o.rejectUnknownKeys();
        return setup == null || !remapOk || !firstRunOk ? null : new PrefillSetup(setup, remap, firstRun);
    }

    /** The optional {@code shadow} object ({@link ShadowSplit}), or {@code null} if absent or bad (with problems). */
    private ShadowSplit readShadow(JsonObjectReader o) {
        if (o == null) return null;
        SourcedValue split = sourced(o, ShadowObject.NPU_SPLIT_US, true, NumberRule.NON_NEGATIVE, time("us"));
        SourcedValue cpuSync = sourced(o, ShadowObject.CPU_SYNC_US, false, NumberRule.NON_NEGATIVE, time("us"));
        o.rejectUnknownKeys();
        return split == null ? null : new ShadowSplit(split, cpuSync);
    }

    /** The optional {@code measuredOn} object ({@link MeasuredOn}), or {@code null} if absent or bad (with problems). */
    private MeasuredOn readMeasuredOn(JsonObjectReader o) {
        if (o == null) return null;
        String backend = o.string(MeasuredOnObject.BACKEND, true);
        String model = o.string(MeasuredOnObject.MODEL, true);
        String modelShape = o.string(MeasuredOnObject.MODEL_SHAPE, true);
        String plan = o.string(MeasuredOnObject.PLAN, true);
        List<Integer> chunks = new ArrayList<>();
        List<JsonNode> chunkNodes = o.array(MeasuredOnObject.CHUNK_TOKENS, true, true);
        boolean ok = chunkNodes != null;
        if (chunkNodes != null) {
            for (int i = 0; i < chunkNodes.size(); i++) {
                Integer c = JsonObjectReader.integer(chunkNodes.get(i), o.pathOf(MeasuredOnObject.CHUNK_TOKENS) + "[" + i + "]", 1, problems);
                if (c == null) ok = false;
                else chunks.add(c);
            }
        }
        String hostname = o.string(MeasuredOnObject.HOSTNAME, true);
        String osArch = o.string(MeasuredOnObject.OS_ARCH, true);
        String cpuModel = o.string(MeasuredOnObject.CPU_MODEL, true);
        String dateText = o.string(MeasuredOnObject.DATE, true);
        Instant date = null;
        if (dateText != null) {
            try {
                date = Instant.parse(dateText);
            } catch (DateTimeParseException e) {
                problems.add(o.pathOf(MeasuredOnObject.DATE), "expected an ISO-8601 instant such as 2026-11-22T10:00:00Z, got '" + dateText + "'");
            }
        }
        String version = o.string(MeasuredOnObject.HETSCHED_VERSION, true);
        o.rejectUnknownKeys();
        if (!ok || backend == null || model == null || modelShape == null || plan == null || hostname == null || osArch == null || cpuModel == null
                || date == null || version == null) {
            return null;
        }
        return new MeasuredOn(backend, model, modelShape, plan, chunks, hostname, osArch, cpuModel, date, version);
    }

    private void readSources(JsonObjectReader node) {
        if (node == null) return;
        sourcesKnown = true;
        for (String id : node.fieldNames()) {
            String path = node.pathOf(id);
            if (id.isBlank()) problems.add(path, "a source id must not be empty");
            String text = JsonObjectReader.string(node.raw(id, true), path, problems);
            if (text != null && !id.isBlank()) sources.put(id, text);
        }
    }

    private List<ProcessorProfile> readProcessors(List<JsonNode> nodes, String path) {
        List<ProcessorProfile> result = new ArrayList<>();
        if (nodes == null) return result;
        processorsRead = true;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader p = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (p == null) continue;
            String name = p.string(ProcessorEntry.NAME, true);
            if (name != null && firstAt.putIfAbsent(name, p.path()) != null) {
                problems.add(p.pathOf(ProcessorEntry.NAME), "duplicate processor name '" + name + "' (first at " + firstAt.get(name) + ")");
                name = null;
            }
            ProcessorKind kind = p.enumValue(ProcessorEntry.KIND, true, "processor kind", KINDS);
            Set<DType> dtypes = readDtypes(p);
            SourcedValue dispatch = sourced(p, ProcessorEntry.DISPATCH_OVERHEAD_US, true, NumberRule.NON_NEGATIVE, time("us"));
            SourcedValue memory = sourced(p, ProcessorEntry.MEMORY_BYTES, false, NumberRule.POSITIVE, (v, at) -> v);
            SourcedValue power = sourced(p, ProcessorEntry.POWER_W, false, NumberRule.POSITIVE, (v, at) -> v);
            SourcedValue invocation = sourced(p, ProcessorEntry.INVOCATION_US, false, NumberRule.NON_NEGATIVE, time("us"));
            boolean invocationOk = invocation != null || !p.has(ProcessorEntry.INVOCATION_US);
            p.rejectUnknownKeys();
            if (name == null) continue;
            processorDtypes.put(name, dtypes);
            if (kind != null && dtypes != null && dispatch != null && invocationOk) {
                result.add(new ProcessorProfile(name, kind, dtypes, dispatch, memory, power, invocation));
            }
        }
        return result;
    }

    private Set<DType> readDtypes(JsonObjectReader p) {
        List<JsonNode> nodes = p.array(ProcessorEntry.DTYPES, true, true);
        if (nodes == null) return null;
        Set<DType> dtypes = EnumSet.noneOf(DType.class);
        boolean ok = true;
        for (int j = 0; j < nodes.size(); j++) {
            String path = p.pathOf(ProcessorEntry.DTYPES) + "[" + j + "]";
            DType d = JsonObjectReader.enumValue(nodes.get(j), path, "dtype", DTYPES, problems);
            if (d == null) {
                ok = false;
            } else if (!dtypes.add(d)) {
                problems.add(path, "dtype " + d + " is listed twice");
            }
        }
        return ok ? dtypes : null;
    }

    private List<AnalyticCosts> readAnalytic(List<JsonNode> nodes, String path) {
        List<AnalyticCosts> result = new ArrayList<>();
        if (nodes == null) return result;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader a = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (a == null) continue;
            String processor = processorRef(a, AnalyticEntry.PROCESSOR);
            DType dtype = dtypeOf(a, AnalyticEntry.DTYPE, processor);
            JsonObjectReader m = a.object(AnalyticEntry.MATMUL, true);
            AnalyticCosts.Matmul matmul = null;
            if (m != null) {
                SourcedValue fixed = sourced(m, Roofline.FIXED_US, true, NumberRule.NON_NEGATIVE, time("us"));
                SourcedValue macs = sourced(m, Roofline.MACS_PER_SECOND, true, NumberRule.POSITIVE, this::rate);
                SourcedValue bytes = sourced(m, Roofline.BYTES_PER_SECOND, true, NumberRule.POSITIVE, this::rate);
                SourcedValue minRows = sourced(m, Roofline.MIN_ROWS_PER_PASS, false, NumberRule.AT_LEAST_ONE, (v, at) -> v);
                m.rejectUnknownKeys();
                if (fixed != null && macs != null && bytes != null) matmul = new AnalyticCosts.Matmul(fixed, macs, bytes, minRows);
            }
            JsonObjectReader e = a.object(AnalyticEntry.ELEMENTWISE, true);
            AnalyticCosts.Elementwise elementwise = null;
            if (e != null) {
                SourcedValue fixed = sourced(e, Roofline.FIXED_US, true, NumberRule.NON_NEGATIVE, time("us"));
                SourcedValue bytes = sourced(e, Roofline.BYTES_PER_SECOND, true, NumberRule.POSITIVE, this::rate);
                e.rejectUnknownKeys();
                if (fixed != null && bytes != null) elementwise = new AnalyticCosts.Elementwise(fixed, bytes);
            }
            JsonObjectReader at = a.object(AnalyticEntry.ATTENTION, false);
            AnalyticCosts.Attention attention = null;
            boolean attentionOk = true;
            if (at != null) {
                SourcedValue macs = sourced(at, AttentionObject.MACS_PER_SECOND, true, NumberRule.POSITIVE, this::rate);
                SourcedValue half = sourced(at, AttentionObject.HALF_RATE_CONTEXT_TOKENS, true, NumberRule.POSITIVE, (v, where) -> v);
                at.rejectUnknownKeys();
                if (macs != null && half != null) attention = new AnalyticCosts.Attention(macs, half);
                else attentionOk = false;
            }
            SourcedValue reshape = sourced(a, AnalyticEntry.LINEAR_RESHAPE_SPEEDUP, false, NumberRule.AT_LEAST_ONE, (v, where) -> v);
            a.rejectUnknownKeys();
            if (processor != null && dtype != null) {
                String key = processor + "/" + dtype;
                if (firstAt.putIfAbsent(key, a.path()) != null) {
                    problems.add(a.path(), "duplicate analytic entry for processor '" + processor + "' dtype " + dtype
                            + " (first at " + firstAt.get(key) + ")");
                } else if (matmul != null && elementwise != null && attentionOk) {
                    result.add(new AnalyticCosts(processor, dtype, matmul, elementwise, attention, reshape));
                }
            }
        }
        for (Map.Entry<String, Set<DType>> p : processorDtypes.entrySet()) {
            if (p.getValue() == null) continue;
            for (DType d : p.getValue()) {
                if (!firstAt.containsKey(p.getKey() + "/" + d)) {
                    problems.add(path, "no entry for processor '" + p.getKey() + "' dtype " + d
                            + "; every dtype a processor supports needs one, so that any op can be priced");
                }
            }
        }
        return result;
    }

    private List<MeasuredCosts> readCosts(List<JsonNode> nodes, String path) {
        List<MeasuredCosts> result = new ArrayList<>();
        if (nodes == null) return result;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader c = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (c == null) continue;
            String processor = processorRef(c, CostEntry.PROCESSOR);
            OpKind kind = c.enumValue(CostEntry.KIND, true, "op kind", OP_KINDS);
            DType dtype = dtypeOf(c, CostEntry.DTYPE, processor);
            String source = sourceRef(c, CostEntry.SOURCE, true);
            List<CostPoint> points = readPoints(c, kind, source);
            c.rejectUnknownKeys();
            if (processor != null && kind != null && dtype != null) {
                String key = processor + "/" + kind + "/" + dtype;
                if (firstAt.putIfAbsent(key, c.path()) != null) {
                    problems.add(c.path(), "duplicate costs entry for processor '" + processor + "' " + kind + "/" + dtype
                            + " (first at " + firstAt.get(key) + "); put all its points in one entry");
                } else if (points != null) {
                    result.add(new MeasuredCosts(processor, kind, dtype, points));
                }
            }
        }
        return result;
    }

    /** The points of one costs entry, or {@code null} if any of them is bad. */
    private List<CostPoint> readPoints(JsonObjectReader c, OpKind kind, String defaultSource) {
        List<JsonNode> nodes = c.array(CostEntry.POINTS, true, true);
        if (nodes == null) return null;
        List<CostPoint> points = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean ok = true;
        for (int j = 0; j < nodes.size(); j++) {
            JsonObjectReader p = JsonObjectReader.of(nodes.get(j), c.pathOf(CostEntry.POINTS) + "[" + j + "]", problems);
            if (p == null) {
                ok = false;
                continue;
            }
            Integer batch = p.integer(PointEntry.BATCH, false, 1);
            if (batch == null && !p.has(PointEntry.BATCH)) batch = 1;
            Integer m = p.integer(PointEntry.M, true, 1);
            Integer k = p.integer(PointEntry.K, true, 1);
            Integer n = p.integer(PointEntry.N, true, 1);
            Double latencyMs = p.number(PointEntry.LATENCY_MS, true, NumberRule.POSITIVE);
            Double latencyNs = latencyMs == null ? null : FileUnits.timeNs(latencyMs, "ms", p.pathOf(PointEntry.LATENCY_MS), problems);
            String source = sourceRef(p, PointEntry.SOURCE, false);
            p.rejectUnknownKeys();
            if (kind != null && !kind.matmul() && k != null && k != 1) {
                problems.add(p.pathOf(PointEntry.K), "op kind " + kind + " is element-wise (shape batch × m × n), so k must be 1, got " + k);
                k = null;
            }
            if (batch == null || m == null || k == null || n == null || latencyNs == null) {
                ok = false;
                continue;
            }
            String pointSource = source != null ? source : defaultSource;
            if (pointSource == null) {
                ok = false;
                continue;
            }
            CostPoint point = new CostPoint(batch, m, k, n, latencyNs, pointSource);
            for (int q = 0; q < points.size(); q++) {
                if (points.get(q).hasShape(batch, m, k, n)) {
                    problems.add(p.path(), "duplicate point for batch=" + batch + " m=" + m + " k=" + k + " n=" + n
                            + " (first at " + paths.get(q) + ")");
                    ok = false;
                }
            }
            points.add(point);
            paths.add(p.path());
        }
        if (ok) ok = checkLatencyGrowsWithM(points, paths);
        return ok ? points : null;
    }

    /**
     * Within one (batch, k, n), a larger m must not be faster: the interpolation between points
     * relies on it to stay monotone. Noisy measurements should be averaged before they get here.
     */
    private boolean checkLatencyGrowsWithM(List<CostPoint> points, List<String> paths) {
        boolean ok = true;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) order.add(i);
        order.sort(Comparator.<Integer>comparingInt(i -> points.get(i).batch())
                .thenComparingInt(i -> points.get(i).k())
                .thenComparingInt(i -> points.get(i).n())
                .thenComparingInt(i -> points.get(i).m()));
        for (int x = 1; x < order.size(); x++) {
            CostPoint before = points.get(order.get(x - 1));
            CostPoint after = points.get(order.get(x));
            if (before.batch() == after.batch() && before.k() == after.k() && before.n() == after.n()
                    && after.latencyNs() < before.latencyNs()) {
                problems.add(paths.get(order.get(x)), "latency " + ms(after.latencyNs()) + " ms at m=" + after.m()
                        + " is below " + ms(before.latencyNs()) + " ms at m=" + before.m() + " (" + paths.get(order.get(x - 1))
                        + ") for the same batch, k and n; a larger m must not be faster");
                ok = false;
            }
        }
        return ok;
    }

    private static String ms(double ns) {
        return Double.toString(Units.nsToMs(ns));
    }

    private List<SyncCost> readSync(List<JsonNode> nodes, String path) {
        List<SyncCost> result = new ArrayList<>();
        if (nodes == null) return result;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader s = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (s == null) continue;
            String from = processorRef(s, SyncEntry.FROM);
            String to = processorRef(s, SyncEntry.TO);
            SourcedValue latency = sourced(s, SyncEntry.LATENCY_US, true, NumberRule.NON_NEGATIVE, time("us"));
            s.rejectUnknownKeys();
            if (from == null || to == null) continue;
            if (from.equals(to)) {
                problems.add(s.path(), "sync from processor '" + from + "' to itself is always 0; remove this entry");
                continue;
            }
            String key = from + "->" + to;
            if (firstAt.putIfAbsent(key, s.path()) != null) {
                problems.add(s.path(), "duplicate sync entry from '" + from + "' to '" + to + "' (first at " + firstAt.get(key) + ")");
            } else if (latency != null) {
                result.add(new SyncCost(from, to, latency));
            }
        }
        for (String from : processorDtypes.keySet()) {
            for (String to : processorDtypes.keySet()) {
                if (!from.equals(to) && !firstAt.containsKey(from + "->" + to)) {
                    problems.add(path, "no entry from '" + from + "' to '" + to
                            + "'; every ordered pair of different processors needs one (write 0 with a source if it is free)");
                }
            }
        }
        return result;
    }

    private List<GraphPreparation> readPreparation(List<JsonNode> nodes, String path) {
        List<GraphPreparation> result = new ArrayList<>();
        if (nodes == null) return result;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader g = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (g == null) continue;
            String processor = processorRef(g, PreparationEntry.PROCESSOR);
            SourcedValue perGraph = sourced(g, PreparationEntry.PER_GRAPH_MS, true, NumberRule.NON_NEGATIVE, time("ms"));
            g.rejectUnknownKeys();
            if (processor == null) continue;
            if (firstAt.putIfAbsent(processor, g.path()) != null) {
                problems.add(g.path(), "duplicate graph preparation entry for processor '" + processor
                        + "' (first at " + firstAt.get(processor) + ")");
            } else if (perGraph != null) {
                result.add(new GraphPreparation(processor, perGraph));
            }
        }
        return result;
    }

    /**
     * The optional {@code contention} entries: victim and aggressor are two different known
     * processors, the roles (optional) are a plan subgraph's, the slowdown is a sourced finite number
     * &ge; 0, and no two entries share (victim, aggressor, victimRole, aggressorRole).
     */
    private List<ContentionSlowdown> readContention(List<JsonNode> nodes, String path) {
        List<ContentionSlowdown> result = new ArrayList<>();
        if (nodes == null) return result;
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonObjectReader c = JsonObjectReader.of(nodes.get(i), path + "[" + i + "]", problems);
            if (c == null) continue;
            String victim = processorRef(c, ContentionEntry.VICTIM);
            String aggressor = processorRef(c, ContentionEntry.AGGRESSOR);
            SubgraphRole victimRole = c.enumValue(ContentionEntry.VICTIM_ROLE, false, "subgraph role", PLAN_ROLES);
            SubgraphRole aggressorRole = c.enumValue(ContentionEntry.AGGRESSOR_ROLE, false, "subgraph role", PLAN_ROLES);
            boolean rolesOk = (victimRole != null || !c.has(ContentionEntry.VICTIM_ROLE))
                    && (aggressorRole != null || !c.has(ContentionEntry.AGGRESSOR_ROLE));
            SourcedValue slowdown = sourced(c, ContentionEntry.SLOWDOWN, true, NumberRule.NON_NEGATIVE, (v, at) -> v);
            c.rejectUnknownKeys();
            if (victim == null || aggressor == null || !rolesOk) continue;
            if (victim.equals(aggressor)) {
                problems.add(c.path(), "processor '" + victim + "' cannot slow itself (it runs one task at a time); name two different processors");
                continue;
            }
            String key = victim + "<-" + aggressor + "/" + victimRole + "/" + aggressorRole;
            if (firstAt.putIfAbsent(key, c.path()) != null) {
                problems.add(c.path(), "duplicate contention entry for victim '" + victim + "', aggressor '" + aggressor + "'"
                        + roles(victimRole, aggressorRole) + " (first at " + firstAt.get(key) + ")");
            } else if (slowdown != null) {
                result.add(new ContentionSlowdown(victim, aggressor, victimRole, aggressorRole, slowdown));
            }
        }
        return result;
    }

    private static String roles(SubgraphRole victimRole, SubgraphRole aggressorRole) {
        return (victimRole != null ? ", victimRole " + victimRole : "") + (aggressorRole != null ? ", aggressorRole " + aggressorRole : "");
    }

    /** A processor name that must be defined in {@code processors}; {@code null} (with a problem) otherwise. */
    private String processorRef(JsonObjectReader r, String key) {
        String name = r.string(key, true);
        if (name == null || !processorsRead) return null;
        if (!processorDtypes.containsKey(name)) {
            problems.add(r.pathOf(key), "unknown processor '" + name + "' (processors: " + String.join(", ", processorDtypes.keySet()) + ")");
            return null;
        }
        return name;
    }

    /** The {@code dtype} field, which must be one the processor supports. */
    private DType dtypeOf(JsonObjectReader r, String key, String processor) {
        DType dtype = r.enumValue(key, true, "dtype", DTYPES);
        if (dtype == null || processor == null) return dtype;
        Set<DType> supported = processorDtypes.get(processor);
        if (supported != null && !supported.contains(dtype)) {
            problems.add(r.pathOf(key), "processor '" + processor + "' does not support dtype " + dtype + " (it supports "
                    + supported.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
            return null;
        }
        return dtype;
    }

    /** A source id, which must be defined in {@code sources}. */
    private String sourceRef(JsonObjectReader r, String key, boolean required) {
        String id = r.string(key, required);
        if (id == null) return null;
        if (sourcesKnown && !sources.containsKey(id)) {
            problems.add(r.pathOf(key), "unknown source '" + id + "' (define it in $." + Top.SOURCES + ")");
            return null;
        }
        return id;
    }

    /** Turns a checked number into the record's unit, or {@code null} with a problem at {@code path}. */
    private interface Conversion {
        Double apply(double value, String path);
    }

    /** A time in {@code unit}, as ns the engine can represent. */
    private Conversion time(String unit) {
        return (value, path) -> FileUnits.timeNs(value, unit, path, problems);
    }

    private Double rate(double perSecond, String path) {
        return FileUnits.ratePerSecond(perSecond, path, problems);
    }

    /** A {@code {"value": number, "source": id}} field, converted to the record's unit. */
    private SourcedValue sourced(JsonObjectReader parent, String key, boolean required, NumberRule rule, Conversion toUnit) {
        JsonObjectReader o = parent.object(key, required);
        if (o == null) return null;
        Double value = o.number(Sourced.VALUE, true, rule);
        Double converted = value == null ? null : toUnit.apply(value, o.pathOf(Sourced.VALUE));
        String source = sourceRef(o, Sourced.SOURCE, true);
        o.rejectUnknownKeys();
        return converted == null || source == null ? null : new SourcedValue(converted, source);
    }
}
