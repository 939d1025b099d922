package org.hetsched.backend.calibrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.hetsched.backend.host.HostBackend;
import org.hetsched.backend.host.HostProfiler;
import org.hetsched.backend.replay.ReplayOptions;
import org.hetsched.core.UserInputException;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.calibrate.CoRunMeasurement;
import org.hetsched.profiles.calibrate.Measurement;
import org.hetsched.profiles.calibrate.ProfileWriter;
import org.hetsched.profiles.calibrate.Provenance;
import org.hetsched.profiles.calibrate.RobustStats;
import org.hetsched.profiles.format.ProfileJson;

/**
 * Calibrates a device profile for the host backend: builds the model's prefill graph at each chunk
 * size (two chunks each, so attention sees a growing context), measures its op shapes on the lanes
 * ({@link HostProfiler}), measures the lane hand-off and, unless asked not to, the lanes' co-run
 * slowdowns ({@link HostProfiler#measureContention}), and returns the result in the standard device
 * profile format ({@link ProfileWriter}). Stateless.
 */
public final class HostCalibration {
    /** Chunks per profiled graph: the second chunk attends to a longer context than the first. */
    public static final int CHUNKS_PER_GRAPH = 2;

    private HostCalibration() {
    }

    /**
     * What to calibrate.
     *
     * @param model             model whose prefill shapes are measured
     * @param plan              partition plan (selects lanes and dtypes per subgraph)
     * @param chunkTokens       chunk sizes to profile, each ≥ 1, non-empty, no repeats (order kept)
     * @param repetitions       timed runs per op shape, ≥ 1
     * @param warmup            untimed runs first, ≥ 0
     * @param seed              seeds tensor contents
     * @param memoryBudgetBytes the most bytes one op's tensors may take
     * @param contention        also measure the lanes' co-run slowdowns into the profile's
     *                          {@code contention} ({@link HostProfiler#measureContention})
     * @param promptTokens      tokens of each profiled graph, so attention is measured at every
     *                          context a prefill of that prompt reaches; 0:
     *                          {@link #CHUNKS_PER_GRAPH} chunks of each size
     */
    public record Request(ModelSpec model, PartitionPlan plan, List<Integer> chunkTokens, int repetitions, int warmup, long seed,
                          long memoryBudgetBytes, boolean contention, int promptTokens) {
        /** @throws UserInputException listing every bad value */
        public Request {
            List<String> problems = new ArrayList<>();
            if (chunkTokens == null || chunkTokens.isEmpty()) {
                problems.add("chunk sizes must not be empty");
            } else {
                for (Integer c : chunkTokens) {
                    if (c == null || c < 1) problems.add("chunk size must be >= 1 token, got " + c);
                }
                if (new LinkedHashSet<>(chunkTokens).size() != chunkTokens.size()) problems.add("chunk sizes repeat: " + chunkTokens);
                for (Integer c : chunkTokens) {
                    if (c != null && c >= 1 && promptTokens == 0 && (long) c * CHUNKS_PER_GRAPH > model.maxContextTokens()) {
                        problems.add("chunk size " + c + " x " + CHUNKS_PER_GRAPH + " chunks exceeds the max context of " + model.name()
                                + " (" + model.maxContextTokens() + " tokens)");
                    }
                    if (c != null && c >= 1 && promptTokens > 0 && c > promptTokens) {
                        problems.add("chunk size " + c + " exceeds the profiled prompt of " + promptTokens + " tokens");
                    }
                }
            }
            if (repetitions < 1) problems.add("repetitions must be >= 1, got " + repetitions);
            if (warmup < 0) problems.add("warm-up runs must be >= 0, got " + warmup);
            if (promptTokens < 0) problems.add("profiled prompt must be >= 0 tokens (0: two chunks of each size), got " + promptTokens);
            if (promptTokens > model.maxContextTokens()) {
                problems.add("profiled prompt of " + promptTokens + " tokens exceeds the max context of " + model.name() + " ("
                        + model.maxContextTokens() + " tokens)");
            }
            if (memoryBudgetBytes <= 0) problems.add("memory budget must be > 0 bytes, got " + memoryBudgetBytes);
            if (!problems.isEmpty()) throw new UserInputException(String.join("; ", problems));
            chunkTokens = List.copyOf(chunkTokens);
        }

        /** A request that measures contention too. */
        public Request(ModelSpec model, PartitionPlan plan, List<Integer> chunkTokens, int repetitions, int warmup, long seed,
                       long memoryBudgetBytes) {
            this(model, plan, chunkTokens, repetitions, warmup, seed, memoryBudgetBytes, true, 0);
        }

        /** A request whose graphs are {@link #CHUNKS_PER_GRAPH} chunks of each size. */
        public Request(ModelSpec model, PartitionPlan plan, List<Integer> chunkTokens, int repetitions, int warmup, long seed,
                       long memoryBudgetBytes, boolean contention) {
            this(model, plan, chunkTokens, repetitions, warmup, seed, memoryBudgetBytes, contention, 0);
        }

        /** Tokens of the graph profiled at chunk size {@code chunk}. */
        public int graphTokens(int chunk) {
            return promptTokens > 0 ? promptTokens : chunk * CHUNKS_PER_GRAPH;
        }
    }

    /**
     * @param profile      the profile JSON, ready to write
     * @param measurements every measured op shape
     * @param handoffNs    the measured one-way lane hand-off
     * @param contention   the measured co-run slowdowns, empty when not asked for
     */
    public record Result(ObjectNode profile, List<Measurement> measurements, RobustStats.Summary handoffNs,
                         List<CoRunMeasurement> contention) {
        public Result {
            measurements = List.copyOf(measurements);
            contention = List.copyOf(contention);
        }

        /** A result without co-run measurements. */
        public Result(ObjectNode profile, List<Measurement> measurements, RobustStats.Summary handoffNs) {
            this(profile, measurements, handoffNs, List.of());
        }

        /**
         * Writes the profile as indented JSON to {@code out}, which stays open. Writing it to a file
         * all or nothing is the caller's part (the command line uses the reports' output writer).
         */
        public void writeProfile(OutputStream out) throws IOException {
            ProfileJson.write(out, profile);
        }
    }

    /** The profiled graphs: the model's prefill at each chunk size, {@link Request#graphTokens} tokens each, in request order. */
    static List<TaskGraph> graphs(Request request) {
        List<TaskGraph> graphs = new ArrayList<>();
        for (int chunk : request.chunkTokens()) {
            graphs.add(PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(request.model(), request.plan(),
                    request.graphTokens(chunk), chunk)));
        }
        return graphs;
    }

    /**
     * Runs the measurement; takes (warmup + repetitions) runs of every distinct op shape, then, if
     * asked, the co-run slowdowns on the graph of the largest chunk, lanes pinned one per allowed
     * CPU.
     *
     * @throws UserInputException if contention is asked for and the lanes cannot each be pinned to
     *     a CPU of their own (co-running on one CPU would time turn-taking, not contention)
     */
    public static Result run(Request request, Provenance provenance) {
        // checked before minutes of measurement, not after
        int[] cpus = request.contention() ? ReplayOptions.defaults(HostBackend.lanes().size()).laneCpus() : new int[0];
        if (request.contention() && cpus.length == 0) {
            throw new UserInputException("measuring contention needs one CPU per lane (" + HostBackend.lanes().size()
                    + ") that this process may pin a thread to; skip it with --no-contention");
        }
        List<TaskGraph> graphs = graphs(request);
        int coRunGraph = request.contention() ? request.chunkTokens().indexOf(Collections.max(request.chunkTokens())) : -1;
        HostProfiler.Options options = new HostProfiler.Options(request.repetitions(), request.warmup(), request.seed(), request.memoryBudgetBytes());
        HostProfiler.Measured measured = HostProfiler.measure(request.model(), graphs, options, coRunGraph, cpus);
        List<Measurement> measurements = measured.ops();
        List<CoRunMeasurement> contention = measured.contention();
        RobustStats.Summary handoff = HostProfiler.measureHandoffNs(request.repetitions(), request.warmup());
        String what = request.model().name() + " prefill under plan " + request.plan().name() + ", chunks " + request.chunkTokens()
                + (request.promptTokens() > 0 ? ", prompt " + request.promptTokens() + " tokens" : "");
        ObjectNode profile = ProfileWriter.toJson(HostBackend.lanes(), "host", "host backend lanes", measurements, handoff, provenance,
                provenance.measuredOn("host", request.model(), request.plan(), request.chunkTokens()),
                request.repetitions(), request.warmup(), what);
        if (!contention.isEmpty()) {
            int largestChunk = Collections.max(request.chunkTokens());
            ProfileWriter.addContention(profile, HostBackend.lanes(), contention, provenance, "on the prefill graph of chunk " + largestChunk
                    + " (" + CHUNKS_PER_GRAPH + " chunks), lanes pinned to their own CPUs, the victim's ops timed after evicting the caches"
                    + " as the solo points are, the aggressor running its tasks op after op for the whole sample, "
                    + HostProfiler.coRunWarmupRounds(options) + " untimed rounds then " + request.repetitions() + " rounds each of one solo and one co-run sample per aggressor"
                    + " role");
        }
        return new Result(profile, measurements, handoff, contention);
    }
}
