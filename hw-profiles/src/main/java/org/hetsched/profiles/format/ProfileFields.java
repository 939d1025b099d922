package org.hetsched.profiles.format;

/**
 * The field names of the device profile format ({@value ProfileValidator#FORMAT},
 * hw-profiles/README.md), grouped by the object they appear in. The reader ({@link ProfileValidator})
 * and the writer ({@link ProfileJson}, {@link MeasuredOn#toJson}) both spell every name through
 * these constants, so a field cannot be written under one name and read under another.
 *
 * <p>Each nested class holds exactly the keys of one kind of object, which the tests rely on: a
 * complete profile written by {@link ProfileJson} uses every key listed here.
 */
final class ProfileFields {
    private ProfileFields() {
    }

    /** The top-level object. */
    static final class Top {
        static final String FORMAT = "format";
        static final String NAME = "name";
        static final String DESCRIPTION = "description";
        static final String MEASURED_ON = "measuredOn";
        static final String SOURCES = "sources";
        static final String PROCESSORS = "processors";
        static final String ANALYTIC = "analytic";
        static final String COSTS = "costs";
        static final String SYNC = "sync";
        static final String GRAPH_PREPARATION = "graphPreparation";
        static final String PREFILL = "prefill";
        static final String SHADOW = "shadow";
        static final String CONTENTION = "contention";

        private Top() {
        }
    }

    /** An element of {@code processors}. */
    static final class ProcessorEntry {
        static final String NAME = "name";
        static final String KIND = "kind";
        static final String DTYPES = "dtypes";
        static final String DISPATCH_OVERHEAD_US = "dispatchOverheadUs";
        static final String MEMORY_BYTES = "memoryBytes";
        static final String POWER_W = "powerW";
        static final String INVOCATION_US = "invocationUs";

        private ProcessorEntry() {
        }
    }

    /** An element of {@code analytic}; its two rooflines are {@link Roofline} objects. */
    static final class AnalyticEntry {
        static final String PROCESSOR = "processor";
        static final String DTYPE = "dtype";
        static final String MATMUL = "matmul";
        static final String ELEMENTWISE = "elementwise";
        static final String ATTENTION = "attention";
        static final String LINEAR_RESHAPE_SPEEDUP = "linearReshapeSpeedup";

        private AnalyticEntry() {
        }
    }

    /** The {@code matmul} and {@code elementwise} objects of an analytic entry ({@code elementwise} has no MAC rate or row minimum). */
    static final class Roofline {
        static final String FIXED_US = "fixedUs";
        static final String MACS_PER_SECOND = "macsPerSecond";
        static final String BYTES_PER_SECOND = "bytesPerSecond";
        static final String MIN_ROWS_PER_PASS = "minRowsPerPass";

        private Roofline() {
        }
    }

    /** The {@code attention} object of an analytic entry ({@link AnalyticCosts.Attention}). */
    static final class AttentionObject {
        static final String MACS_PER_SECOND = "macsPerSecond";
        static final String HALF_RATE_CONTEXT_TOKENS = "halfRateContextTokens";

        private AttentionObject() {
        }
    }

    /** The top-level {@code prefill} object ({@link PrefillSetup}). */
    static final class PrefillObject {
        static final String SETUP_MS = "setupMs";
        static final String WEIGHT_REMAP = "weightRemap";
        static final String FIRST_RUN = "firstRun";

        private PrefillObject() {
        }
    }

    /** The {@code weightRemap} object of {@code prefill} ({@link PrefillSetup.WeightRemap}). */
    static final class WeightRemapObject {
        static final String PROCESSOR = "processor";
        static final String BYTES_PER_SECOND = "bytesPerSecond";

        private WeightRemapObject() {
        }
    }

    /** The {@code firstRun} object of {@code prefill} ({@link PrefillSetup.FirstRun}). */
    static final class FirstRunObject {
        static final String PROCESSOR = "processor";
        static final String PER_GRAPH_MS = "perGraphMs";

        private FirstRunObject() {
        }
    }

    /** The top-level {@code shadow} object ({@link ShadowSplit}). */
    static final class ShadowObject {
        static final String NPU_SPLIT_US = "npuSplitUs";
        static final String CPU_SYNC_US = "cpuSyncUs";

        private ShadowObject() {
        }
    }

    /** An element of {@code costs}. */
    static final class CostEntry {
        static final String PROCESSOR = "processor";
        static final String KIND = "kind";
        static final String DTYPE = "dtype";
        static final String SOURCE = "source";
        static final String POINTS = "points";

        private CostEntry() {
        }
    }

    /** An element of a costs entry's {@code points}. */
    static final class PointEntry {
        static final String BATCH = "batch";
        static final String M = "m";
        static final String K = "k";
        static final String N = "n";
        static final String LATENCY_MS = "latencyMs";
        static final String SOURCE = "source";

        private PointEntry() {
        }
    }

    /** An element of {@code sync}. */
    static final class SyncEntry {
        static final String FROM = "from";
        static final String TO = "to";
        static final String LATENCY_US = "latencyUs";

        private SyncEntry() {
        }
    }

    /** An element of {@code graphPreparation}. */
    static final class PreparationEntry {
        static final String PROCESSOR = "processor";
        static final String PER_GRAPH_MS = "perGraphMs";

        private PreparationEntry() {
        }
    }

    /** An element of {@code contention} ({@link ContentionSlowdown}). */
    static final class ContentionEntry {
        static final String VICTIM = "victim";
        static final String AGGRESSOR = "aggressor";
        static final String VICTIM_ROLE = "victimRole";
        static final String AGGRESSOR_ROLE = "aggressorRole";
        static final String SLOWDOWN = "slowdown";

        private ContentionEntry() {
        }
    }

    /** A number with its provenance, {@code {"value": number, "source": id}} ({@link SourcedValue}). */
    static final class Sourced {
        static final String VALUE = "value";
        static final String SOURCE = "source";

        private Sourced() {
        }
    }

    /** The top-level {@code measuredOn} object ({@link MeasuredOn}). */
    static final class MeasuredOnObject {
        static final String BACKEND = "backend";
        static final String MODEL = "model";
        static final String MODEL_SHAPE = "modelShape";
        static final String PLAN = "plan";
        static final String CHUNK_TOKENS = "chunkTokens";
        static final String HOSTNAME = "hostname";
        static final String OS_ARCH = "osArch";
        static final String CPU_MODEL = "cpuModel";
        static final String DATE = "date";
        static final String HETSCHED_VERSION = "hetschedVersion";

        private MeasuredOnObject() {
        }
    }
}
