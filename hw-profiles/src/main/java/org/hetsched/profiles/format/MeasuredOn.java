package org.hetsched.profiles.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.format.ProfileFields.MeasuredOnObject;

/**
 * What a calibrated profile was measured on, machine-readable: the profile's optional top-level
 * {@value #FIELD} object (hw-profiles/README.md). {@code hetsched profile} writes it through
 * {@link #toJson}; {@link ProfileValidator} reads it. A profile without it (the built-in devices,
 * derived from papers, or a profile written before the field existed) says nothing about where it
 * was measured. Immutable.
 *
 * @param backend         the execution backend whose lanes were measured, e.g. "host" or "qnn"
 * @param model           the model whose op shapes were measured (its catalog or config name)
 * @param modelShape      what sizes that model's ops, as {@link #shapeOf} writes it (a config's
 *                        name is its folder's, so the name alone does not fix the shapes)
 * @param plan            the partition plan that chose the lanes' dtypes
 * @param chunkTokens     the chunk sizes profiled, at least one, each ≥ 1
 * @param hostname        the machine's host name
 * @param osArch          the JVM's {@code os.arch}
 * @param cpuModel        the CPU model, or "unknown CPU model"
 * @param date            when the measurement started
 * @param hetschedVersion the version that measured it
 */
public record MeasuredOn(String backend, String model, String modelShape, String plan, List<Integer> chunkTokens, String hostname, String osArch,
                         String cpuModel, Instant date, String hetschedVersion) {
    /** The top-level field name. */
    public static final String FIELD = ProfileFields.Top.MEASURED_ON;

    public MeasuredOn {
        for (String s : new String[] {backend, model, modelShape, plan, hostname, osArch, cpuModel, hetschedVersion}) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("measuredOn fields must not be blank: " + backend + ", " + model + ", " + modelShape
                        + ", " + plan + ", "
                        + hostname + ", " + osArch + ", " + cpuModel + ", " + hetschedVersion);
            }
        }
        if (date == null) throw new IllegalArgumentException("measuredOn date is null");
        chunkTokens = List.copyOf(chunkTokens);
        if (chunkTokens.isEmpty() || chunkTokens.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("measuredOn chunk sizes must be >= 1 and not empty, got " + chunkTokens);
        }
    }

    /** This record as the JSON object {@link ProfileValidator} reads. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(MeasuredOnObject.BACKEND, backend);
        o.put(MeasuredOnObject.MODEL, model);
        o.put(MeasuredOnObject.MODEL_SHAPE, modelShape);
        o.put(MeasuredOnObject.PLAN, plan);
        ArrayNode chunks = o.putArray(MeasuredOnObject.CHUNK_TOKENS);
        chunkTokens.forEach(chunks::add);
        o.put(MeasuredOnObject.HOSTNAME, hostname);
        o.put(MeasuredOnObject.OS_ARCH, osArch);
        o.put(MeasuredOnObject.CPU_MODEL, cpuModel);
        o.put(MeasuredOnObject.DATE, date.toString());
        o.put(MeasuredOnObject.HETSCHED_VERSION, hetschedVersion);
        return o;
    }

    /**
     * Every field of {@code model} that sizes or shapes its prefill ops (not its name, layer count
     * or context length), e.g. {@code hidden=64 heads=4 kvHeads=2 headDim=16 ffn=128 GATED RMS_NORM
     * sequential vocab=1000 window=0}.
     */
    public static String shapeOf(ModelSpec model) {
        return "hidden=" + model.hiddenSize() + " heads=" + model.attentionHeads() + " kvHeads=" + model.kvHeads() + " headDim="
                + model.headDim() + " ffn=" + model.ffnSize() + " " + model.ffnKind() + " " + model.normKind() + " "
                + (model.parallelAttentionMlp() ? "parallel" : "sequential") + " vocab=" + model.vocabSize() + " window="
                + model.slidingWindowTokens();
    }

    /** "backend host, model M, plan P, chunks [..], on host X (arch, CPU), date". */
    public String describe() {
        return "backend " + backend + ", model " + model + ", plan " + plan + ", chunks " + chunkTokens + ", on host " + hostname + " ("
                + osArch + ", " + cpuModel + "), " + date;
    }
}
