package org.hetsched.profiles.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleUnaryOperator;
import org.hetsched.core.Units;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.platform.Processor;
import org.hetsched.profiles.format.ProfileFields.AnalyticEntry;
import org.hetsched.profiles.format.ProfileFields.ContentionEntry;
import org.hetsched.profiles.format.ProfileFields.AttentionObject;
import org.hetsched.profiles.format.ProfileFields.CostEntry;
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
 * Writes device profiles ({@value ProfileValidator#FORMAT}, see hw-profiles/README.md) as Jackson trees,
 * spelling every field through {@link ProfileFields}, as the reader ({@link ProfileValidator}) does.
 * Every writer of a profile (calibration, the QNN import, the merge of new points into a base)
 * builds its tree through these methods, so the fields appear in the order the format documents.
 * Stateless.
 */
public final class ProfileJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ProfileJson() {
    }

    /** A new profile: {@code format}, {@code name}, {@code description}, {@code measuredOn}, then an empty {@code sources}. */
    public static ObjectNode newProfile(String name, String description, MeasuredOn measuredOn) {
        ObjectNode root = JSON.objectNode();
        header(root, name, description, measuredOn);
        root.putObject(Top.SOURCES);
        return root;
    }

    /**
     * The whole of {@code profile} as a tree that {@link ProfileValidator} reads back into an equal
     * profile, fields in the order the other methods here write them ({@code costs},
     * {@code graphPreparation} and {@code contention} only when not empty, {@code measuredOn}, {@code prefill}, {@code shadow} and an analytic
     * entry's {@code attention} only when known). Times are written in the unit each field
     * names ({@code ...Us}, {@code ...Ms}). A {@code costs} entry's own source is its first point's,
     * and every point names its source: the profile keeps sources per point only.
     */
    public static ObjectNode of(DeviceProfile profile) {
        ObjectNode root = JSON.objectNode();
        header(root, profile.name(), profile.description(), profile.measuredOn());
        ObjectNode sources = root.putObject(Top.SOURCES);
        profile.sources().forEach(sources::put);
        ArrayNode processors = root.putArray(Top.PROCESSORS);
        for (ProcessorProfile p : profile.processors()) {
            ObjectNode node = processors.addObject();
            node.put(ProcessorEntry.NAME, p.name());
            node.put(ProcessorEntry.KIND, p.kind().name());
            ArrayNode dtypes = node.putArray(ProcessorEntry.DTYPES);
            p.dtypes().forEach(d -> dtypes.add(d.name()));
            sourced(node, ProcessorEntry.DISPATCH_OVERHEAD_US, p.dispatchOverheadNs(), Units::nsToUs);
            if (p.memoryBytes() != null) sourced(node, ProcessorEntry.MEMORY_BYTES, p.memoryBytes(), v -> v);
            if (p.powerW() != null) sourced(node, ProcessorEntry.POWER_W, p.powerW(), v -> v);
            if (p.invocationNs() != null) sourced(node, ProcessorEntry.INVOCATION_US, p.invocationNs(), Units::nsToUs);
        }
        root.putArray(Top.ANALYTIC);
        for (AnalyticCosts a : profile.analytic()) {
            ObjectNode node = analyticEntry(root, a.processor(), a.dtype());
            ObjectNode matmul = node.putObject(AnalyticEntry.MATMUL);
            sourced(matmul, Roofline.FIXED_US, a.matmul().fixedNs(), Units::nsToUs);
            sourced(matmul, Roofline.MACS_PER_SECOND, a.matmul().macsPerSecond(), v -> v);
            sourced(matmul, Roofline.BYTES_PER_SECOND, a.matmul().bytesPerSecond(), v -> v);
            SourcedValue minRows = a.matmul().minRowsPerPass();
            if (minRows != null) {
                ObjectNode rows = matmul.putObject(Roofline.MIN_ROWS_PER_PASS);
                // a whole fill point is written as an integer, as the format had it before fractions were allowed
                double rowsValue = minRows.value();
                if (rowsValue == Math.rint(rowsValue) && rowsValue < Integer.MAX_VALUE) rows.put(Sourced.VALUE, (int) rowsValue);
                else rows.put(Sourced.VALUE, rowsValue);
                rows.put(Sourced.SOURCE, minRows.source());
            }
            ObjectNode elementwise = node.putObject(AnalyticEntry.ELEMENTWISE);
            sourced(elementwise, Roofline.FIXED_US, a.elementwise().fixedNs(), Units::nsToUs);
            sourced(elementwise, Roofline.BYTES_PER_SECOND, a.elementwise().bytesPerSecond(), v -> v);
            if (a.attention() != null) {
                ObjectNode attention = node.putObject(AnalyticEntry.ATTENTION);
                sourced(attention, AttentionObject.MACS_PER_SECOND, a.attention().macsPerSecond(), v -> v);
                sourced(attention, AttentionObject.HALF_RATE_CONTEXT_TOKENS, a.attention().halfRateContextTokens(), v -> v);
            }
            if (a.linearReshapeSpeedup() != null) {
                sourced(node, AnalyticEntry.LINEAR_RESHAPE_SPEEDUP, a.linearReshapeSpeedup(), v -> v);
            }
        }
        for (MeasuredCosts c : profile.costs()) {
            ArrayNode points = points(addCostEntry(root, c.processor(), c.kind(), c.dtype(), c.points().get(0).source()));
            for (CostPoint q : c.points()) addPoint(points, q.batch(), q.m(), q.k(), q.n(), Units.nsToMs(q.latencyNs()), q.source());
        }
        root.putArray(Top.SYNC);
        for (SyncCost c : profile.sync()) {
            addSync(root, c.from(), c.to(), Units.nsToUs(c.latencyNs().value()), c.latencyNs().source());
        }
        for (GraphPreparation g : profile.graphPreparation()) {
            setGraphPreparation(root, g.processor(), Units.nsToMs(g.perGraphNs().value()), g.perGraphNs().source());
        }
        if (profile.prefill() != null) {
            ObjectNode prefill = root.putObject(Top.PREFILL);
            sourced(prefill, PrefillObject.SETUP_MS, profile.prefill().setupNs(), Units::nsToMs);
            PrefillSetup.WeightRemap remap = profile.prefill().weightRemap();
            if (remap != null) {
                ObjectNode node = prefill.putObject(PrefillObject.WEIGHT_REMAP);
                node.put(WeightRemapObject.PROCESSOR, remap.processor());
                sourced(node, WeightRemapObject.BYTES_PER_SECOND, remap.bytesPerSecond(), v -> v);
            }
            PrefillSetup.FirstRun first = profile.prefill().firstRun();
            if (first != null) {
                ObjectNode node = prefill.putObject(PrefillObject.FIRST_RUN);
                node.put(FirstRunObject.PROCESSOR, first.processor());
                sourced(node, FirstRunObject.PER_GRAPH_MS, first.perGraphNs(), Units::nsToMs);
            }
        }
        if (profile.shadow() != null) {
            ObjectNode shadow = root.putObject(Top.SHADOW);
            sourced(shadow, ShadowObject.NPU_SPLIT_US, profile.shadow().npuSplitNs(), Units::nsToUs);
            if (profile.shadow().cpuSyncNs() != null) {
                sourced(shadow, ShadowObject.CPU_SYNC_US, profile.shadow().cpuSyncNs(), Units::nsToUs);
            }
        }
        for (ContentionSlowdown c : profile.contention()) {
            addContention(root, c.victim(), c.aggressor(), c.victimRole(), c.aggressorRole(), c.slowdown().value(), c.slowdown().source());
        }
        return root;
    }

    /** Renames the profile. */
    public static void setName(ObjectNode root, String name) {
        root.put(Top.NAME, name);
    }

    /** The profile's description, "" if it has none. */
    public static String description(ObjectNode root) {
        return root.path(Top.DESCRIPTION).asText();
    }

    /** Replaces the profile's description. */
    public static void setDescription(ObjectNode root, String description) {
        root.put(Top.DESCRIPTION, description);
    }

    /** Drops the profile's {@code measuredOn}: it no longer describes where every number was measured. */
    public static void removeMeasuredOn(ObjectNode root) {
        root.remove(Top.MEASURED_ON);
    }

    /** Adds (or replaces) source {@code id} with {@code text}. */
    public static void putSource(ObjectNode root, String id, String text) {
        ObjectNode sources = root.has(Top.SOURCES) ? (ObjectNode) root.get(Top.SOURCES) : root.putObject(Top.SOURCES);
        sources.put(id, text);
    }

    /** Appends {@code processor} to {@code processors}: name, kind, dtypes (sorted), and its dispatch overhead. */
    public static void addProcessor(ObjectNode root, Processor processor, double dispatchOverheadUs, String source) {
        ObjectNode node = array(root, Top.PROCESSORS).addObject();
        node.put(ProcessorEntry.NAME, processor.name());
        node.put(ProcessorEntry.KIND, processor.kind().name());
        ArrayNode dtypes = node.putArray(ProcessorEntry.DTYPES);
        processor.dtypes().stream().sorted().forEach(d -> dtypes.add(d.name()));
        sourced(node, ProcessorEntry.DISPATCH_OVERHEAD_US, dispatchOverheadUs, source);
    }

    /** The {@code costs} entry of (processor, kind, dtype), or {@code null} if the profile has none. */
    public static ObjectNode findCostEntry(ObjectNode root, String processor, OpKind kind, DType dtype) {
        for (JsonNode e : array(root, Top.COSTS)) {
            if (e.path(CostEntry.PROCESSOR).asText().equals(processor) && e.path(CostEntry.KIND).asText().equals(kind.name())
                    && e.path(CostEntry.DTYPE).asText().equals(dtype.name())) {
                return (ObjectNode) e;
            }
        }
        return null;
    }

    /** Appends a {@code costs} entry of (processor, kind, dtype) with source {@code source} and no points yet. */
    public static ObjectNode addCostEntry(ObjectNode root, String processor, OpKind kind, DType dtype, String source) {
        ObjectNode entry = array(root, Top.COSTS).addObject();
        entry.put(CostEntry.PROCESSOR, processor);
        entry.put(CostEntry.KIND, kind.name());
        entry.put(CostEntry.DTYPE, dtype.name());
        entry.put(CostEntry.SOURCE, source);
        entry.putArray(CostEntry.POINTS);
        return entry;
    }

    /** The source id of a {@code costs} entry. */
    public static String entrySource(ObjectNode entry) {
        return entry.path(CostEntry.SOURCE).asText();
    }

    /** The points of a {@code costs} entry. */
    public static ArrayNode points(ObjectNode entry) {
        return (ArrayNode) entry.get(CostEntry.POINTS);
    }

    /** One point as read back: its shape, latency and source (the entry's when it names none). */
    public record PointView(int batch, int m, int k, int n, double latencyMs, String latencyText, String source) {
    }

    /** A point of {@link #points} as written ({@code batch} defaults to 1, {@code source} to {@code entrySource}). */
    public static PointView point(JsonNode point, String entrySource) {
        return new PointView(point.path(PointEntry.BATCH).asInt(1), point.path(PointEntry.M).asInt(), point.path(PointEntry.K).asInt(),
                point.path(PointEntry.N).asInt(), point.path(PointEntry.LATENCY_MS).asDouble(), point.path(PointEntry.LATENCY_MS).asText(),
                point.path(PointEntry.SOURCE).asText(entrySource));
    }

    /** Appends a point: {@code batch}, {@code m}, {@code k}, {@code n}, {@code latencyMs}, {@code source}. */
    public static void addPoint(ArrayNode points, int batch, int m, int k, int n, double latencyMs, String source) {
        ObjectNode point = points.addObject();
        point.put(PointEntry.BATCH, batch);
        point.put(PointEntry.M, m);
        point.put(PointEntry.K, k);
        point.put(PointEntry.N, n);
        point.put(PointEntry.LATENCY_MS, latencyMs);
        point.put(PointEntry.SOURCE, source);
    }

    /**
     * Appends an {@code analytic} entry of (processor, dtype): a matmul roofline (fixed µs, MAC/s,
     * bytes/s) and an element-wise one (fixed µs, bytes/s), each number with its source.
     */
    public static void addAnalytic(ObjectNode root, String processor, DType dtype, double matmulFixedUs, double macsPerSecond,
                                   double bytesPerSecond, String matmulSource, double elementwiseFixedUs, String elementwiseSource) {
        ObjectNode node = analyticEntry(root, processor, dtype);
        ObjectNode matmul = node.putObject(AnalyticEntry.MATMUL);
        sourced(matmul, Roofline.FIXED_US, matmulFixedUs, matmulSource);
        sourced(matmul, Roofline.MACS_PER_SECOND, macsPerSecond, matmulSource);
        sourced(matmul, Roofline.BYTES_PER_SECOND, bytesPerSecond, elementwiseSource);
        ObjectNode elementwise = node.putObject(AnalyticEntry.ELEMENTWISE);
        sourced(elementwise, Roofline.FIXED_US, elementwiseFixedUs, elementwiseSource);
        sourced(elementwise, Roofline.BYTES_PER_SECOND, bytesPerSecond, elementwiseSource);
    }

    /** Appends a {@code sync} entry: a hand-off from one processor to another costs {@code latencyUs}. */
    public static void addSync(ObjectNode root, String from, String to, double latencyUs, String source) {
        ObjectNode node = array(root, Top.SYNC).addObject();
        node.put(SyncEntry.FROM, from);
        node.put(SyncEntry.TO, to);
        sourced(node, SyncEntry.LATENCY_US, latencyUs, source);
    }

    /** Sets {@code processor}'s one-time preparation per static graph, replacing an entry it had. */
    public static void setGraphPreparation(ObjectNode root, String processor, double perGraphMs, String source) {
        ArrayNode list = array(root, Top.GRAPH_PREPARATION);
        ObjectNode entry = null;
        for (JsonNode e : list) {
            if (e.path(PreparationEntry.PROCESSOR).asText().equals(processor)) entry = (ObjectNode) e;
        }
        if (entry == null) {
            entry = list.addObject();
            entry.put(PreparationEntry.PROCESSOR, processor);
        }
        ObjectNode value = entry.putObject(PreparationEntry.PER_GRAPH_MS);
        value.put(Sourced.VALUE, perGraphMs);
        value.put(Sourced.SOURCE, source);
    }

    /**
     * Appends a {@code contention} entry: a task on {@code victim} progresses {@code 1 + slowdown}
     * times slower while {@code aggressor} is busy ({@link ContentionSlowdown}).
     *
     * @param victimRole    only victim tasks of this role, or {@code null} for any (then not written)
     * @param aggressorRole only while the aggressor runs a task of this role, or {@code null} for any
     */
    public static void addContention(ObjectNode root, String victim, String aggressor, SubgraphRole victimRole,
                                     SubgraphRole aggressorRole, double slowdown, String source) {
        ObjectNode node = array(root, Top.CONTENTION).addObject();
        node.put(ContentionEntry.VICTIM, victim);
        node.put(ContentionEntry.AGGRESSOR, aggressor);
        if (victimRole != null) node.put(ContentionEntry.VICTIM_ROLE, victimRole.name());
        if (aggressorRole != null) node.put(ContentionEntry.AGGRESSOR_ROLE, aggressorRole.name());
        sourced(node, ContentionEntry.SLOWDOWN, slowdown, source);
    }

    /** Writes the profile as indented JSON to {@code out}, which stays open. */
    public static void write(OutputStream out, ObjectNode root) throws IOException {
        INDENTED.writeValue(out, root);
    }

    /** The profile as indented JSON text ending in a newline. */
    public static String toText(ObjectNode root) {
        try {
            return INDENTED.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise profile " + root.path(Top.NAME).asText(), e);
        }
    }

    /** {@code format}, {@code name}, {@code description}, then {@code measuredOn} unless it is {@code null}. */
    private static void header(ObjectNode root, String name, String description, MeasuredOn measuredOn) {
        root.put(Top.FORMAT, ProfileValidator.FORMAT);
        root.put(Top.NAME, name);
        root.put(Top.DESCRIPTION, description);
        if (measuredOn != null) root.set(Top.MEASURED_ON, measuredOn.toJson());
    }

    private static ObjectNode analyticEntry(ObjectNode root, String processor, DType dtype) {
        ObjectNode node = array(root, Top.ANALYTIC).addObject();
        node.put(AnalyticEntry.PROCESSOR, processor);
        node.put(AnalyticEntry.DTYPE, dtype.name());
        return node;
    }

    private static ArrayNode array(ObjectNode root, String field) {
        return root.has(field) ? (ArrayNode) root.get(field) : root.putArray(field);
    }

    /** {@code parent.field = {value, source}} of a read value, turned from the record's unit into the field's. */
    private static void sourced(ObjectNode parent, String field, SourcedValue value, DoubleUnaryOperator toFieldUnit) {
        sourced(parent, field, toFieldUnit.applyAsDouble(value.value()), value.source());
    }

    /** {@code parent.field = {value, source}}; a number that is not finite and ≥ 0 is a bug of the caller. */
    private static void sourced(ObjectNode parent, String field, double value, String source) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalStateException(field + " = " + value + " (source " + source + ") is not a finite number >= 0");
        }
        ObjectNode node = parent.putObject(field);
        node.put(Sourced.VALUE, value);
        node.put(Sourced.SOURCE, source);
    }
}
