/*
 * Host backend kernels behind JNI (see org.hetsched.backend.jni.HostKernels).
 *
 * Every shape, capacity and index is validated in Java before the call; this file trusts its
 * arguments and never allocates per element. Tensors are row-major and live in direct buffers,
 * so JNI hands over their addresses and nothing is copied.
 *
 * Summation orders are part of the contract: each output element accumulates over the inner
 * dimension in ascending order, which is what ReferenceKernels does, so the integer paths match
 * bit for bit and the float paths differ only where libm and java.lang.Math round differently.
 */
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "org_hetsched_backend_jni_HostKernels.h"

/* Rows of A that share one pass over a strip of W: 4 rows x 256 int32 accumulators are 4 KiB,
 * which stays in L1 next to the 256-byte strip of the current W row. */
#define ROW_BLOCK 4
#define COL_BLOCK 256

static void *addr(JNIEnv *env, jobject buffer) {
    return (*env)->GetDirectBufferAddress(env, buffer);
}

/* acc[0..nb) += av * w[0..nb). |av * w| <= 16384 fits int16, so the product is formed in 16 bits
 * (one pmullw per 8 lanes) and only the sum is widened. */
static inline void axpy_s8(int32_t *restrict acc, int16_t av, const int8_t *restrict w, int nb) {
    for (int j = 0; j < nb; j++) {
        acc[j] += (int16_t)(av * (int16_t)w[j]);
    }
}

/* Four consecutive W rows at once: the int32 accumulators are loaded and stored once per four
 * products instead of once per product, which is what bounds axpy_s8. */
static inline void axpy4_s8(int32_t *restrict acc, const int8_t *restrict av, const int8_t *restrict w,
                            size_t stride, int nb) {
    int16_t a0 = av[0], a1 = av[1], a2 = av[2], a3 = av[3];
    const int8_t *w0 = w, *w1 = w + stride, *w2 = w + 2 * stride, *w3 = w + 3 * stride;
    for (int j = 0; j < nb; j++) {
        acc[j] += (int32_t)(int16_t)(a0 * (int16_t)w0[j]) + (int32_t)(int16_t)(a1 * (int16_t)w1[j])
                + (int32_t)(int16_t)(a2 * (int16_t)w2[j]) + (int32_t)(int16_t)(a3 * (int16_t)w3[j]);
    }
}

/* Blocked int8 GEMM; calls emit(row, col0, acc, nb, ctx) with the finished int32 accumulators of
 * one row strip. */
typedef void (*emit_fn)(int row, int col0, const int32_t *acc, int nb, void *ctx);

/* The build targets x86-64-v2 (SSE4.2) so the library loads on any CI machine; the two GEMMs are
 * also compiled for AVX2 (twice the lanes per instruction) and picked at load time by the CPU's
 * features (GCC target_clones, an ifunc). Integer results are identical on every path; the float
 * GEMM keeps each output's ascending summation order and -ffp-contract=off keeps out FMA, so its
 * results do not depend on the path either. */
#define HETSCHED_CLONES __attribute__((target_clones("avx2", "default")))

HETSCHED_CLONES
static void gemm_s8(const int8_t *a, const int8_t *w, int m, int k, int n, emit_fn emit, void *ctx) {
    int32_t acc[ROW_BLOCK][COL_BLOCK];
    for (int i0 = 0; i0 < m; i0 += ROW_BLOCK) {
        int mr = m - i0 < ROW_BLOCK ? m - i0 : ROW_BLOCK;
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int nb = n - j0 < COL_BLOCK ? n - j0 : COL_BLOCK;
            for (int r = 0; r < mr; r++) {
                memset(acc[r], 0, (size_t)nb * sizeof(int32_t));
            }
            int p = 0;
            for (; p + 4 <= k; p += 4) {
                const int8_t *wrow = w + (size_t)p * n + j0;
                for (int r = 0; r < mr; r++) {
                    axpy4_s8(acc[r], a + (size_t)(i0 + r) * k + p, wrow, (size_t)n, nb);
                }
            }
            for (; p < k; p++) {
                const int8_t *wrow = w + (size_t)p * n + j0;
                for (int r = 0; r < mr; r++) {
                    axpy_s8(acc[r], a[(size_t)(i0 + r) * k + p], wrow, nb);
                }
            }
            for (int r = 0; r < mr; r++) {
                emit(i0 + r, j0, acc[r], nb, ctx);
            }
        }
    }
}

struct requant_ctx { int8_t *out; int n; float scale; };

static void emit_requant(int row, int col0, const int32_t *acc, int nb, void *ctx) {
    struct requant_ctx *c = ctx;
    int8_t *o = c->out + (size_t)row * c->n + col0;
    for (int j = 0; j < nb; j++) {
        /* rintf rounds half to even in the default rounding mode, like Math.rint. Clamping the
         * float first keeps the conversion to int in range. */
        float v = rintf((float)acc[j] * c->scale);
        v = v > 127.0f ? 127.0f : v;
        v = v < -128.0f ? -128.0f : v;
        o[j] = (int8_t)v;
    }
}

struct dequant_ctx { float *out; int n; float scale_a; float scale_w; };

static void emit_dequant(int row, int col0, const int32_t *acc, int nb, void *ctx) {
    struct dequant_ctx *c = ctx;
    float *o = c->out + (size_t)row * c->n + col0;
    for (int j = 0; j < nb; j++) {
        o[j] = (float)acc[j] * c->scale_a * c->scale_w;
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nMatmulInt8Requant(
        JNIEnv *env, jclass cls, jobject a, jobject w, jobject out, jint m, jint k, jint n, jfloat scale) {
    (void)cls;
    struct requant_ctx ctx = { addr(env, out), n, scale };
    gemm_s8(addr(env, a), addr(env, w), m, k, n, emit_requant, &ctx);
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nMatmulInt8Dequant(
        JNIEnv *env, jclass cls, jobject a, jobject w, jobject out, jint m, jint k, jint n,
        jfloat scale_a, jfloat scale_w) {
    (void)cls;
    struct dequant_ctx ctx = { addr(env, out), n, scale_a, scale_w };
    gemm_s8(addr(env, a), addr(env, w), m, k, n, emit_dequant, &ctx);
}

static inline void axpy_f32(float *restrict acc, float av, const float *restrict w, int nb) {
    for (int j = 0; j < nb; j++) {
        acc[j] += av * w[j];
    }
}

HETSCHED_CLONES
static void gemm_f32(const float *a, const float *w, float *out, int m, int k, int n) {
    float acc[ROW_BLOCK][COL_BLOCK];
    for (int i0 = 0; i0 < m; i0 += ROW_BLOCK) {
        int mr = m - i0 < ROW_BLOCK ? m - i0 : ROW_BLOCK;
        for (int j0 = 0; j0 < n; j0 += COL_BLOCK) {
            int nb = n - j0 < COL_BLOCK ? n - j0 : COL_BLOCK;
            for (int r = 0; r < mr; r++) {
                memset(acc[r], 0, (size_t)nb * sizeof(float));
            }
            for (int p = 0; p < k; p++) {
                const float *wrow = w + (size_t)p * n + j0;
                for (int r = 0; r < mr; r++) {
                    axpy_f32(acc[r], a[(size_t)(i0 + r) * k + p], wrow, nb);
                }
            }
            for (int r = 0; r < mr; r++) {
                memcpy(out + (size_t)(i0 + r) * n + j0, acc[r], (size_t)nb * sizeof(float));
            }
        }
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nMatmulF32(
        JNIEnv *env, jclass cls, jobject a_buf, jobject w_buf, jobject out_buf, jint m, jint k, jint n) {
    (void)cls;
    gemm_f32(addr(env, a_buf), addr(env, w_buf), addr(env, out_buf), m, k, n);
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nRmsNorm(
        JNIEnv *env, jclass cls, jobject x_buf, jobject gamma_buf, jobject out_buf, jint rows, jint dim,
        jfloat eps) {
    (void)cls;
    const float *x = addr(env, x_buf);
    const float *gamma = addr(env, gamma_buf);
    float *out = addr(env, out_buf);
    for (int i = 0; i < rows; i++) {
        const float *xr = x + (size_t)i * dim;
        float *orow = out + (size_t)i * dim;
        /* Sum of squares in double: a float sum over thousands of channels loses digits. */
        double ss = 0.0;
        for (int j = 0; j < dim; j++) {
            ss += (double)xr[j] * (double)xr[j];
        }
        float inv = (float)(1.0 / sqrt(ss / dim + (double)eps));
        for (int j = 0; j < dim; j++) {
            orow[j] = xr[j] * inv * gamma[j];
        }
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nSoftmaxRows(
        JNIEnv *env, jclass cls, jobject x_buf, jint rows, jint cols) {
    (void)cls;
    float *x = addr(env, x_buf);
    for (int i = 0; i < rows; i++) {
        float *xr = x + (size_t)i * cols;
        /* Subtracting the row maximum keeps expf in range; the largest term becomes exactly 1. */
        float max = xr[0];
        for (int j = 1; j < cols; j++) {
            max = xr[j] > max ? xr[j] : max;
        }
        double sum = 0.0;
        for (int j = 0; j < cols; j++) {
            xr[j] = expf(xr[j] - max);
            sum += xr[j];
        }
        float inv = (float)(1.0 / sum);
        for (int j = 0; j < cols; j++) {
            xr[j] *= inv;
        }
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nSiluGated(
        JNIEnv *env, jclass cls, jobject gate_buf, jobject up_buf, jobject out_buf, jint count) {
    (void)cls;
    const float *gate = addr(env, gate_buf);
    const float *up = addr(env, up_buf);
    float *out = addr(env, out_buf);
    for (int i = 0; i < count; i++) {
        float g = gate[i];
        out[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nRope(
        JNIEnv *env, jclass cls, jobject x_buf, jint rows, jint heads, jint head_dim, jint position_offset,
        jfloat theta) {
    (void)cls;
    float *x = addr(env, x_buf);
    int half = head_dim / 2;
    for (int t = 0; t < rows; t++) {
        double pos = (double)position_offset + t;
        for (int i = 0; i < half; i++) {
            /* Angles in double: positions reach tens of thousands and a float angle would lose
             * the low bits before cos/sin see it. */
            double angle = pos * pow((double)theta, -2.0 * i / head_dim);
            float c = (float)cos(angle);
            float s = (float)sin(angle);
            for (int h = 0; h < heads; h++) {
                float *pair = x + (size_t)t * heads * head_dim + (size_t)h * head_dim + 2 * i;
                float x0 = pair[0];
                float x1 = pair[1];
                pair[0] = x0 * c - x1 * s;
                pair[1] = x0 * s + x1 * c;
            }
        }
    }
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_jni_HostKernels_nShadowOutliers(
        JNIEnv *env, jclass cls, jobject rows_buf, jobject channels_buf, jobject values_buf, jint count,
        jobject w_buf, jobject out_buf, jint n) {
    (void)cls;
    const int32_t *rows = addr(env, rows_buf);
    const int32_t *channels = addr(env, channels_buf);
    const float *values = addr(env, values_buf);
    const float *w = addr(env, w_buf);
    float *out = addr(env, out_buf);
    for (int e = 0; e < count; e++) {
        axpy_f32(out + (size_t)rows[e] * n, values[e], w + (size_t)channels[e] * n, n);
    }
}
