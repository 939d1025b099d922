package org.hetsched.reports.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;

/**
 * Recommends a chunk size for one model on one device: simulates every candidate chunk on every
 * prompt length of a mix and picks the chunk with the smallest expected prefill latency (each
 * prompt's latency weighted by its probability; the last chunk's padding is paid, as on the
 * device). Ties go to the smaller chunk. The paper chose 256 by a per-device sweep of this kind.
 * Stateless.
 */
public final class ChunkTuning {
    /** Candidates when none are given: powers of two from 16 to 1024 tokens. */
    public static final List<Integer> DEFAULT_CHUNKS = List.of(16, 32, 64, 128, 256, 512, 1024);

    private ChunkTuning() {
    }

    /**
     * One candidate's outcome.
     *
     * @param chunkTokens          the chunk size
     * @param expectedLatencyNs    Σ probability · makespan over the mix
     * @param expectedNsPerToken   expected latency / expected prompt tokens
     * @param makespanNsPerPrompt  makespan per prompt length of the mix, in its order
     */
    public record Candidate(int chunkTokens, double expectedLatencyNs, double expectedNsPerToken,
                            List<Long> makespanNsPerPrompt) {
        public Candidate {
            makespanNsPerPrompt = List.copyOf(makespanNsPerPrompt);
        }
    }

    /**
     * @param candidates       every chunk tried, ascending
     * @param recommendedChunk the chunk with the smallest expected latency
     * @param mix              the prompt lengths and their weights
     */
    public record Result(String model, String device, String plan, String policy, PromptMix mix,
                         List<Candidate> candidates, int recommendedChunk) {
        public Result {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * @throws UserInputException if a name is unknown, a chunk is not positive, or a prompt exceeds
     *                            the model's context (nothing runs then)
     */
    public static Result run(String model, String device, String plan, String policy, PromptMix mix, List<Integer> chunks,
                             int threads, SweepProgress progress) {
        if (chunks.isEmpty()) throw new UserInputException("no chunk sizes to try");
        for (int c : chunks) if (c <= 0) throw new UserInputException("chunk sizes must be > 0 tokens, got " + c);
        List<Integer> sorted = chunks.stream().distinct().sorted().toList();
        SweepConfig config = new SweepConfig("tune-chunk", List.of(model), List.of(device), List.of(plan), mix.prompts(),
                sorted, List.of(policy), List.of(PolicyOptions.DEFAULTS.seed()), false, PolicyOptions.DEFAULTS,
                Path.of("").toAbsolutePath());
        Workload.resolve(new WorkloadRequest(model, device, plan, null, mix.prompts().get(mix.prompts().size() - 1),
                sorted.get(0), null, false, false)); // every name and the longest prompt checked before the sweep
        Map<String, SweepRow> rows = SweepResults.byKey(SweepRunner.run(config, Shard.ALL, threads, Map.of(), progress));

        double[] p = mix.probabilities();
        double expectedTokens = 0;
        for (int i = 0; i < p.length; i++) expectedTokens += p[i] * mix.prompts().get(i);
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int chunk : sorted) {
            double expected = 0;
            List<Long> perPrompt = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                SweepRow row = rows.get(new SweepPoint(0, 0, model, device, plan, mix.prompts().get(i), chunk, policy,
                        PolicyOptions.DEFAULTS.seed()).key());
                perPrompt.add(row.makespanNs());
                expected += p[i] * row.makespanNs();
            }
            Candidate c = new Candidate(chunk, expected, expected / expectedTokens, perPrompt);
            candidates.add(c);
            if (best == null || c.expectedLatencyNs() < best.expectedLatencyNs()) best = c;
        }
        String modelName = rows.values().iterator().next().model();
        return new Result(modelName, device, plan, policy, mix, candidates, best.chunkTokens());
    }
}
