package org.hetsched.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.fit.FitObjective;
import org.hetsched.reports.fit.FitRequest;
import org.hetsched.reports.fit.FreeParameter;
import org.hetsched.reports.fit.ProfileFit;
import org.hetsched.reports.reproduce.TargetReader;
import org.hetsched.reports.sweep.SweepProgress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code hetsched profile fit} of sd8gen3 to the built-in targets (33 rows, 19 weighted) with ten
 * realistic free numbers, on every core: {@code evaluation} is one objective evaluation (every
 * configuration re-priced and simulated), {@code fit} one whole fit (two CMA-ES starts of 350
 * evaluations at most, the Laplace Hessian; no leave-one-out), timed once.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FitBenchmark}
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@State(Scope.Benchmark)
public class FitBenchmark {
    /** Realistic free numbers of sd8gen3, bounds around their base values. */
    static final List<String> FREE = List.of(
            "analytic[npu/INT8].matmul.macsPerSecond=1e12..1e13",
            "analytic[npu/INT8].matmul.minRowsPerPass=32..1024",
            "analytic[npu/INT8].matmul.fixedUs=10..2000",
            "analytic[npu/INT8].matmul.bytesPerSecond=1e10..2e11",
            "analytic[npu/FP16].matmul.macsPerSecond=1e9..1e11",
            "analytic[cpu/FP32].matmul.macsPerSecond=1e10..1e12",
            "analytic[cpu/INT8].matmul.macsPerSecond=1e10..1e12",
            "analytic[cpu/FP16].matmul.macsPerSecond=1e10..1e12",
            "analytic[cpu/FP32].elementwise.bytesPerSecond=1e10..2e11",
            "sync[cpu->npu].latencyUs,sync[npu->cpu].latencyUs=10..2000");
    static final int MAX_EVALUATIONS = 700;

    private ExecutorService executor;
    private FitObjective objective;
    private double[] base;

    private static FitRequest request() {
        return new FitRequest("sd8gen3", TargetReader.BUILT_IN, FREE, null, new ProfileFit.Settings(42, MAX_EVALUATIONS, 1, false, 0),
                Runtime.getRuntime().availableProcessors());
    }

    @Setup(Level.Trial)
    public void setUp() {
        executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        FitRequest r = request();
        objective = new FitObjective(TargetReader.read(r.targets()), r.device(), baseJson(), parsed(), executor);
        base = objective.baseValues();
    }

    private static ObjectNode baseJson() {
        try {
            return (ObjectNode) new ObjectMapper()
                    .readTree(ProfileCatalog.builtIn().json("sd8gen3"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FreeParameter> parsed() {
        return FREE.stream().map(s -> FreeParameter.parse(s, "benchmark")).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public double evaluation() {
        return objective.objective(base);
    }

    /** The whole fit; a fit that does not converge is timed all the same (its message is returned). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object fit() {
        try {
            return request().run(SweepProgress.NONE).result();
        } catch (UserInputException e) {
            return e.getMessage();
        }
    }
}
