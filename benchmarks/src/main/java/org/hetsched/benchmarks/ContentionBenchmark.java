package org.hetsched.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.engine.EngineOptions;
import org.hetsched.core.platform.CostTable;
import org.hetsched.profiles.cost.Contention;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProcessorProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the contention effect cost an engine run? The same priced graph and policy,
 * once without effects ("off", the baseline) and once with contention between every pair of
 * sd8gen3's processors ("on").
 *
 * <p>Expect a small constant factor, not a change of growth: the effect does O(processors) work per
 * start and finish, and each slowed running task costs one more event-queue entry. The slowdown
 * values are arbitrary (the same for every pair): the cost depends only on how many running tasks a
 * start or finish slows, not on by how much.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ContentionBenchmark}
 *
 * <p>Last result: see benchmarks/README.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
@State(Scope.Benchmark)
public class ContentionBenchmark {
    /** Arbitrary, see the class comment. */
    private static final double SLOWDOWN = 0.25;

    @Param({"qwen-1024-256", "mistral-32768-32"})
    public String prefill;

    @Param({"off", "on"})
    public String contention;

    private CostTable costs;
    private EngineOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        costs = PrefillCase.costs(PrefillCase.graph(prefill));
        options = contention.equals("on") ? EngineOptions.DEFAULTS.withEffects(List.of(new Contention(contended())))
                : EngineOptions.DEFAULTS;
    }

    /** sd8gen3 with the same slowdown for every ordered pair of its processors, read back through the validator. */
    static DeviceProfile contended() {
        DeviceProfile base = ProfileCatalog.builtIn().get("sd8gen3");
        ObjectNode root = ProfileJson.of(base);
        ProfileJson.putSource(root, "benchmark", "Made up for a benchmark: only the effect's cost is measured.");
        for (ProcessorProfile victim : base.processors()) {
            for (ProcessorProfile aggressor : base.processors()) {
                if (victim != aggressor) ProfileJson.addContention(root, victim.name(), aggressor.name(), null, null, SLOWDOWN, "benchmark");
            }
        }
        return ProfileReader.parse(ProfileJson.toText(root), "sd8gen3-contended");
    }

    @Benchmark
    public long simulate() {
        return new Engine(costs, options).run(PolicyCatalog.create("in-order")).makespanNs();
    }
}
