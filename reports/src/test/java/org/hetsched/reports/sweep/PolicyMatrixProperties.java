package org.hetsched.reports.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.hetsched.core.engine.Effect;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.graph.PartitionPlan;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.model.ModelCatalog;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.Trace;
import org.hetsched.core.trace.TraceValidator;
import org.hetsched.profiles.cost.BusyEnergy;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.cost.GraphFileCostModel;
import org.hetsched.profiles.cost.InvocationOverhead;
import org.hetsched.profiles.cost.PrefillSetupTime;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.cost.ProfileEffects;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.GraphFile;
import org.hetsched.profiles.format.GraphReader;
import org.hetsched.profiles.format.HfConfigLoader;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.bound.MakespanLowerBound;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.hetsched.scheduler.exact.InstanceTooLargeException;

/**
 * Volume: random workloads × every policy of the catalog × every engine option, each run checked
 * by the one validator ({@link TraceValidator}: eligibility, one task at a time per processor,
 * precedence including the K/V rule), against the lower bound under the same options, and for
 * determinism (a fresh policy and engine on the same inputs and seed give the same trace; timing
 * the policy does not change its decisions).
 *
 * <p>Prefill workloads: every built-in plan and device profile (as is, with made-up power
 * figures so that busy energy applies, with made-up numbers for every optional prefill
 * mechanism: fractional fill point, per-prefill setup with weight re-mapping, shadow split, CPU
 * attention curve, and with made-up contention slowdowns so that contention applies), models read
 * from Hugging Face configs of every supported type (GQA, sliding window, parallel attention + MLP,
 * GELU, GeGLU and SwiGLU FFNs) or taken from the catalog, random shadow layers, prompts that leave
 * the last chunk padded, under every subset of the engine effects the profile has data for
 * (dispatch overhead, busy energy, per-invocation cost, prefill setup, contention; a run with the
 * setup reports exactly the effect's setup; under contention too the makespan is at least the
 * lower bound and every task runs at least its priced duration). Generic workloads: random DAGs
 * with random eligibility and transfers, read as task graph files. The exact solver runs only on graphs within its (small)
 * task limit here (it refuses larger ones, which is checked too).
 *
 * <p>Every completed engine run is counted; the count is printed once the class has run.
 */
class PolicyMatrixProperties {
    /** Runs of this class; printed by {@link #reportRuns}. */
    private static final AtomicLong ENGINE_RUNS = new AtomicLong();
    /** The exact solver's limits here: small enough to prove optima in milliseconds. */
    private static final int OPTIMAL_MAX_TASKS = 14;
    private static final Duration OPTIMAL_TIME_LIMIT = Duration.ofMillis(500);
    private static final List<String> PLANS = PlanCatalog.builtIn().names();
    /** Every built-in device profile, as is, with power figures (so that busy energy applies) and with contention. */
    private static final List<DeviceProfile> PROFILES = profiles();
    private static final List<String> POLICIES = PolicyCatalog.names();

    /**
     * A priced graph, the engine effects to run it with (prefill: every subset of the effects its
     * device profile has data for; generic: none), and a seed and pipeline lag for the policies
     * that take them.
     */
    record Case(CostTable costs, List<List<Effect>> effectSets, long seed, int pipelineLag) {
        @Override
        public String toString() {
            return costs.graph().name() + " (" + costs.graph().size() + " tasks) on " + costs.platform().name() + ", seed " + seed
                    + ", lag " + pipelineLag;
        }
    }

    private static List<DeviceProfile> profiles() {
        List<DeviceProfile> out = new ArrayList<>();
        for (String name : ProfileCatalog.builtIn().names()) {
            out.add(ProfileCatalog.builtIn().get(name));
            out.add(withPower(name));
            out.add(withMechanisms(name));
            out.add(withContention(name));
        }
        return List.copyOf(out);
    }

    /** The built-in profile {@code name} with a {@code powerW} on every processor, made up: only the effect's plumbing is checked. */
    private static DeviceProfile withPower(String name) {
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            ((ObjectNode) root.get("sources")).put("test-power", "Made up for a test.");
            double powerW = 1;
            for (JsonNode processor : root.get("processors")) {
                ((ObjectNode) processor).putObject("powerW").put("value", powerW++).put("source", "test-power");
            }
            return ProfileReader.parse(root.toString(), name + "-powered.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The built-in profile {@code name} with contention slowdowns between its processors, made up
     * (general and narrowed to roles), to run the effect under every policy.
     */
    private static DeviceProfile withContention(String name) {
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            ((ObjectNode) root.get("sources")).put("test-contention", "Made up for a test.");
            ArrayNode entries = ((ObjectNode) root).putArray("contention");
            String[][] pairs = {{"cpu", "npu", null, null, "0.25"}, {"npu", "cpu", null, null, "0.5"}, {"cpu", "gpu", "ATTENTION", null, "0.75"},
                {"gpu", "npu", null, "LINEAR", "1.0"}, {"npu", "gpu", "LINEAR", "LINEAR", "0.125"}, {"gpu", "cpu", null, null, "0"}};
            for (String[] pair : pairs) {
                ObjectNode entry = entries.addObject().put("victim", pair[0]).put("aggressor", pair[1]);
                if (pair[2] != null) entry.put("victimRole", pair[2]);
                if (pair[3] != null) entry.put("aggressorRole", pair[3]);
                entry.putObject("slowdown").put("value", Double.parseDouble(pair[4])).put("source", "test-contention");
            }
            return ProfileReader.parse(root.toString(), name + "-contended.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The built-in profile {@code name} with every optional prefill mechanism, numbers made up (only
     * their plumbing into bounds, the solver and the engine is checked): a fill point of 200.5 rows,
     * 400 ms setup, NPU weights beyond 64 MiB re-mapped at 2e9 bytes/s, a 300 µs shadow split, a
     * 40 µs NPU invocation cost, and a CPU FP32 attention curve.
     */
    private static DeviceProfile withMechanisms(String name) {
        try (InputStream in = ProfileCatalog.class.getResourceAsStream("devices/" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            ((ObjectNode) root.get("sources")).put("test-mechanisms", "Made up for a test.");
            for (JsonNode processor : root.get("processors")) {
                if (processor.get("kind").asText().equals("NPU")) {
                    ((ObjectNode) processor).putObject("memoryBytes").put("value", 64 << 20).put("source", "test-mechanisms");
                    ((ObjectNode) processor).putObject("invocationUs").put("value", 40).put("source", "test-mechanisms");
                }
            }
            for (JsonNode entry : root.get("analytic")) {
                ObjectNode matmul = (ObjectNode) entry.get("matmul");
                if (matmul.has("minRowsPerPass")) matmul.putObject("minRowsPerPass").put("value", 200.5).put("source", "test-mechanisms");
                if (entry.get("processor").asText().equals("cpu") && entry.get("dtype").asText().equals("FP32")) {
                    ObjectNode attention = ((ObjectNode) entry).putObject("attention");
                    attention.putObject("macsPerSecond").put("value", 1.2e11).put("source", "test-mechanisms");
                    attention.putObject("halfRateContextTokens").put("value", 700).put("source", "test-mechanisms");
                }
            }
            ObjectNode prefill = ((ObjectNode) root).putObject("prefill");
            prefill.putObject("setupMs").put("value", 400).put("source", "test-mechanisms");
            ObjectNode remap = prefill.putObject("weightRemap");
            remap.put("processor", "npu");
            remap.putObject("bytesPerSecond").put("value", 2e9).put("source", "test-mechanisms");
            ((ObjectNode) root).putObject("shadow").putObject("npuSplitUs").put("value", 300).put("source", "test-mechanisms");
            return ProfileReader.parse(root.toString(), name + "-mechanisms.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every subset of the effects {@code profile} has the data for, in {@link ProfileEffects}' order. */
    private static List<List<Effect>> effectSubsets(DeviceProfile profile) {
        List<Effect> available = new ArrayList<>();
        for (String name : ProfileEffects.names()) {
            boolean applies = switch (name) {
                case BusyEnergy.NAME -> BusyEnergy.applies(profile);
                case PrefillSetupTime.NAME -> PrefillSetupTime.applies(profile);
                case InvocationOverhead.NAME -> InvocationOverhead.applies(profile);
                case Contention.NAME -> Contention.applies(profile);
                default -> true;
            };
            if (applies) available.add(ProfileEffects.create(name, profile));
        }
        List<List<Effect>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << available.size(); mask++) {
            List<Effect> subset = new ArrayList<>();
            for (int i = 0; i < available.size(); i++) {
                if ((mask >> i & 1) == 1) subset.add(available.get(i));
            }
            subsets.add(List.copyOf(subset));
        }
        return subsets;
    }

    @AfterContainer
    static void reportRuns() {
        // the one figure the build log should show for this class: how much volume it checked
        System.out.println(PolicyMatrixProperties.class.getSimpleName() + ": " + ENGINE_RUNS.get() + " engine runs checked");
    }

    /** A Hugging Face config of each supported model type, small enough to keep graphs small. */
    @Provide
    Arbitrary<ModelSpec> configModels() {
        Arbitrary<String> type = Arbitraries.of(HfConfigLoader.SUPPORTED_TYPES);
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> heads = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> kvDivisor = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> headDim = Arbitraries.of(8, 16, 32, 64);
        Arbitrary<Integer> ffnFactor = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> window = Arbitraries.of(0, 0, 16, 64, 200);
        Arbitrary<Integer> vocab = Arbitraries.integers().between(64, 32_000);
        return Combinators.combine(type, layers, heads, kvDivisor, headDim, ffnFactor, window, vocab)
                .as((t, l, h, div, d, f, w, v) -> {
                    int kv = Math.max(1, h / div);
                    int hidden = t.equals("gemma") ? 2 * h * d : h * d; // Gemma's head_dim need not be hidden / heads
                    StringBuilder json = new StringBuilder("{\"model_type\":\"" + t + "\",\"num_hidden_layers\":" + l
                            + ",\"hidden_size\":" + hidden + ",\"num_attention_heads\":" + h + ",\"num_key_value_heads\":" + kv
                            + ",\"head_dim\":" + d + ",\"intermediate_size\":" + f * hidden + ",\"vocab_size\":" + v
                            + ",\"max_position_embeddings\":4096");
                    if (t.equals("mistral") && w > 0) json.append(",\"sliding_window\":").append(w);
                    json.append('}');
                    String name = t + "-l" + l + "-h" + h + "-kv" + kv + "-d" + d + (w > 0 && t.equals("mistral") ? "-w" + w : "");
                    return HfConfigLoader.parse(json.toString(), name + ".json", name);
                });
    }

    @Provide
    Arbitrary<Case> prefill() {
        Arbitrary<ModelSpec> model = Arbitraries.frequencyOf(
                Tuple.of(4, configModels()),
                Tuple.of(1, Arbitraries.of(ModelCatalog.builtIn().models())));
        Arbitrary<String> plan = Arbitraries.of(PLANS);
        Arbitrary<DeviceProfile> device = Arbitraries.of(PROFILES);
        Arbitrary<Integer> chunk = Arbitraries.integers().between(1, 96);
        Arbitrary<Integer> fullChunks = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> lastChunkFill = Arbitraries.integers().between(1, 96);
        Arbitrary<Long> shadowMask = Arbitraries.longs().between(0, 15);
        Arbitrary<Boolean> defaultShadow = Arbitraries.of(true, false);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Integer> lag = Arbitraries.integers().between(0, 6);
        return Combinators.combine(model, plan, device, chunk, fullChunks, lastChunkFill,
                Combinators.combine(shadowMask, defaultShadow).as((m, d) -> d ? -1L : m), Combinators.combine(seed, lag)
                        .as((s, g) -> new long[] {s, g}))
                .as((m, planName, profile, c, full, fill, mask, rest) -> {
                    PartitionPlan p = PlanCatalog.builtIn().get(planName);
                    // a partly filled last chunk: the graph pads it to the chunk size
                    int prompt = full * c + Math.min(fill, c);
                    Set<Integer> shadow = new TreeSet<>();
                    if (p.shadow() != null) {
                        if (mask < 0) {
                            shadow.addAll(PrefillConfig.defaultShadowLayers(m, p));
                        } else {
                            for (int layer = 0; layer < m.layers() && layer < 4; layer++) {
                                if ((mask >> layer & 1) == 1) shadow.add(layer);
                            }
                        }
                    }
                    TaskGraph graph = PrefillGraphBuilder.build(new PrefillConfig(m, p, prompt, c, shadow));
                    ProfileCostModel costModel = new ProfileCostModel(profile);
                    return new Case(CostTable.build(graph, costModel.platform(), costModel), effectSubsets(profile), rest[0],
                            (int) rest[1]);
                });
    }

    /** Random DAGs on 1–4 processors of random kinds, read as task graph files (the format's own reader checks them). */
    @Provide
    Arbitrary<Case> generic() {
        Arbitrary<Integer> tasks = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> processors = Arbitraries.integers().between(1, 4);
        Arbitrary<Long> shape = Arbitraries.longs();
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Integer> lag = Arbitraries.integers().between(0, 6);
        return Combinators.combine(tasks, processors, shape, seed, lag)
                .as((n, procs, s, sd, g) -> {
                    GraphFile file = GraphReader.parse(dagJson(n, procs, s), "generated");
                    CostTable costs = CostTable.build(file.graph(), file.platform(), new GraphFileCostModel(file));
                    return new Case(costs, List.of(List.of()), sd, g);
                });
    }

    /** A task graph file of {@code n} tasks on {@code procs} processors, everything else drawn from {@code shape}. */
    static String dagJson(int n, int procs, long shape) {
        Random random = new Random(shape);
        String[] kinds = {"NPU", "CPU", "GPU"};
        double density = random.nextDouble() * 0.5;
        StringBuilder json = new StringBuilder("{\"name\":\"dag-" + n + "-" + procs + "-" + Long.toHexString(shape)
                + "\",\"costUnit\":\"us\",\"processors\":[");
        for (int p = 0; p < procs; p++) {
            json.append(p == 0 ? "" : ",").append("{\"name\":\"p").append(p).append("\",\"kind\":\"")
                    .append(kinds[random.nextInt(kinds.length)]).append("\"}");
        }
        json.append("],\"tasks\":[");
        for (int t = 0; t < n; t++) {
            json.append(t == 0 ? "" : ",").append("{\"name\":\"t").append(t).append("\",\"costs\":{");
            int must = random.nextInt(procs);
            boolean first = true;
            for (int p = 0; p < procs; p++) {
                if (p != must && random.nextInt(3) == 0) continue; // not eligible there
                json.append(first ? "" : ",").append("\"p").append(p).append("\":").append(random.nextInt(1_000));
                first = false;
            }
            json.append("}}");
        }
        json.append("],\"edges\":[");
        boolean first = true;
        for (int to = 1; to < n; to++) {
            for (int from = 0; from < to; from++) {
                if (random.nextDouble() >= density) continue;
                json.append(first ? "" : ",").append("{\"from\":\"t").append(from).append("\",\"to\":\"t").append(to)
                        .append("\",\"transfer\":").append(random.nextInt(300)).append('}');
                first = false;
            }
        }
        json.append("]}");
        return json.toString();
    }

    @Property(tries = 80)
    void everyPolicyUnderEveryEngineOptionIsValidBoundedAndDeterministicOnPrefillGraphs(@ForAll("prefill") Case workload) {
        checkEveryPolicyAndOption(workload);
    }

    @Property(tries = 40)
    void everyPolicyUnderEveryEngineOptionIsValidBoundedAndDeterministicOnGenericGraphs(@ForAll("generic") Case workload) {
        checkEveryPolicyAndOption(workload);
    }

    /**
     * Per set of effects, graph preparation off and on, every policy: a run, a second run with a
     * fresh policy and engine, and a run timing the policy; all three give the same trace, which is
     * valid and no shorter than the lower bound under the same options.
     */
    private static void checkEveryPolicyAndOption(Case workload) {
        PolicyOptions policyOptions = new PolicyOptions(workload.seed(), workload.pipelineLag(), OPTIMAL_TIME_LIMIT, OPTIMAL_MAX_TASKS);
        CostTable costs = workload.costs();
        for (List<Effect> effects : workload.effectSets()) {
            for (boolean preparation : new boolean[] {false, true}) {
                EngineOptions options = new EngineOptions(preparation, false, effects);
                EngineOptions timed = new EngineOptions(preparation, true, effects);
                long bound = MakespanLowerBound.of(costs, options).bestNs();
                CostTable priced = options.pricedCosts(costs);
                for (String name : POLICIES) {
                    String what = name + " with " + options + " on " + workload;
                    if (name.equals("optimal") && costs.graph().size() > OPTIMAL_MAX_TASKS) {
                        assertThrows(InstanceTooLargeException.class,
                                () -> new Engine(costs, options).run(PolicyCatalog.create(name, policyOptions)), what);
                        continue;
                    }
                    Trace trace = run(costs, options, name, policyOptions);
                    assertEquals(List.of(), TraceValidator.violations(trace), what);
                    assertTrue(trace.makespanNs() >= bound, what + ": makespan " + trace.makespanNs() + " ns < lower bound " + bound + " ns");
                    for (int t = 0; t < costs.graph().size(); t++) {
                        long ran = trace.endNs(t) - trace.startNs(t);
                        long need = priced.durationNs(t, trace.processorOf(t));
                        if (ran < need) throw new AssertionError(what + ": task " + t + " ran " + ran + " ns, priced " + need + " ns");
                    }
                    assertEquals(setupNs(effects, costs), Metrics.of(trace, bound).setupNs(), what + ": setup");
                    assertEquals(trace.rows(), run(costs, options, name, policyOptions).rows(), what + ": a fresh run differs");
                    assertEquals(trace.rows(), run(costs, timed, name, policyOptions).rows(), what + ": timing the policy changed it");
                }
            }
        }
    }

    /** The setup the run must report: the prefill-setup effect's, when it is registered; 0 otherwise. */
    private static long setupNs(List<Effect> effects, CostTable costs) {
        for (Effect e : effects) {
            if (e instanceof PrefillSetupTime setup) return setup.setupNs(costs.graph(), costs.platform());
        }
        return 0;
    }

    private static Trace run(CostTable costs, EngineOptions options, String policy, PolicyOptions policyOptions) {
        Trace trace = new Engine(costs, options).run(PolicyCatalog.create(policy, policyOptions));
        ENGINE_RUNS.incrementAndGet();
        return trace;
    }
}
