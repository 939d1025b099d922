package org.hetsched.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hetsched.backend.jni.HostKernels;
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
 * Question: what throughput do the host backend's lanes reach on one core: the INT8 lane's W8A8
 * matmul (int32 accumulation, requantised) and the float lane's FP32 matmul, at a prefill linear's
 * shape (m tokens × 2048 · 2048 × 2048, Qwen1.5-1.8B's Q projection)?
 *
 * <p>GOP/s = 2·m·k·n / time. Expect INT8 above FP32 but far below the core's peak: the kernels are
 * built for x86-64-v2 (SSE4.2, no AVX2/VNNI) so that the library runs on any CI machine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HostKernelsBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HostKernelsBenchmark {
    private static final int K = 2048;
    private static final int N = 2048;

    @Param({"64", "256"})
    public int m;

    private ByteBuffer a8;
    private ByteBuffer w8;
    private ByteBuffer out8;
    private FloatBuffer a32;
    private FloatBuffer w32;
    private FloatBuffer out32;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        a8 = int8(m * K, random);
        w8 = int8(K * N, random);
        out8 = ByteBuffer.allocateDirect(m * N);
        a32 = f32(m * K, random);
        w32 = f32(K * N, random);
        out32 = f32(m * N, random);
    }

    @Benchmark
    public ByteBuffer int8Requant() {
        HostKernels.matmulInt8Requant(a8, w8, out8, m, K, N, 1e-4f);
        return out8;
    }

    @Benchmark
    public FloatBuffer fp32() {
        HostKernels.matmulF32(a32, w32, out32, m, K, N);
        return out32;
    }

    private static ByteBuffer int8(int count, Random random) {
        ByteBuffer b = ByteBuffer.allocateDirect(count);
        for (int i = 0; i < count; i++) b.put(i, (byte) (random.nextInt(256) - 128));
        return b;
    }

    private static FloatBuffer f32(int count, Random random) {
        FloatBuffer b = ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < count; i++) b.put(i, random.nextFloat() - 0.5f);
        return b;
    }
}
