/*
 * Direct QNN C API adapter behind JNI (see org.hetsched.backend.qnn.direct.QnnDirect).
 *
 * Built only by the Maven profile "qnn-direct", i.e. when QNN_SDK_ROOT names a QAIRT/QNN SDK: the
 * QNN headers come from $QNN_SDK_ROOT/include/QNN and are never part of this repository. Nothing
 * links against a QNN library either: the backend library (libQnnHtp.so, libQnnCpu.so, ...) is
 * dlopen'ed at run time from the path the caller gives, and every QNN call goes through the function
 * table that QnnInterface_getProviders hands out. That is how QNN expects clients to bind (one
 * process may hold several backends), and it lets a missing or broken library surface as a Java
 * exception instead of a failed System.load.
 *
 * One session = one backend library + log + backend + (optional) device + context. Graphs are built
 * per call, finalized and executed with a QnnProfile handle at QNN_PROFILE_LEVEL_DETAILED; the
 * profile's events and sub-events are flattened into arrays for Java (see walk_events).
 *
 * Thread-safety: a session is used by one thread at a time (QnnDirect synchronizes). The QNN log
 * callback has no user pointer, so the recent-log buffer is process-wide and guarded by a mutex.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "QnnInterface.h"

#include "org_hetsched_backend_qnn_direct_QnnDirect.h"

#define EXCEPTION_CLASS "org/hetsched/backend/qnn/direct/QnnDirectException"

/* ---- recent backend log lines, appended to error messages ------------------------------------ */

/* QNN reports the reason for most failures (an op it cannot place, a bad tensor) only through the
 * log callback; the error code alone says little. The last few KiB of WARN/ERROR output are kept
 * so an exception can quote them. */
#define LOG_CAPACITY 4096
static char log_buf[LOG_CAPACITY];
static size_t log_len;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_clear(void) {
    pthread_mutex_lock(&log_lock);
    log_len = 0;
    log_buf[0] = '\0';
    pthread_mutex_unlock(&log_lock);
}

static void log_callback(const char *fmt, QnnLog_Level_t level, uint64_t timestamp, va_list args) {
    (void)timestamp;
    if (level > QNN_LOG_LEVEL_WARN) return;
    char line[512];
    int n = vsnprintf(line, sizeof line, fmt, args);
    if (n < 0) return;
    size_t len = strnlen(line, sizeof line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    pthread_mutex_lock(&log_lock);
    /* Keep the newest lines: when full, drop the oldest half. */
    if (log_len + len + 3 >= LOG_CAPACITY) {
        size_t keep = log_len / 2;
        memmove(log_buf, log_buf + (log_len - keep), keep);
        log_len = keep;
    }
    if (len + 3 < LOG_CAPACITY) {
        if (log_len > 0) log_buf[log_len++] = ' ', log_buf[log_len++] = '|', log_buf[log_len++] = ' ';
        memcpy(log_buf + log_len, line, len);
        log_len += len;
    }
    log_buf[log_len] = '\0';
    pthread_mutex_unlock(&log_lock);
}

/* ---- errors --------------------------------------------------------------------------------- */

typedef struct {
    void *lib;
    const QNN_INTERFACE_VER_TYPE *api;
    Qnn_ApiVersion_t version;
    char provider[128];
    char build_id[128];
    Qnn_LogHandle_t log;
    Qnn_BackendHandle_t backend;
    Qnn_DeviceHandle_t device;
    Qnn_ContextHandle_t context;
    unsigned graphs; /* graph names must be unique within a context */
} session_t;

/* The component a code belongs to, from QnnCommon.h's error ranges. */
static const char *component_of(unsigned code) {
    if (code >= QNN_MIN_ERROR_COMMON && code <= QNN_MAX_ERROR_COMMON) return "common";
    if (code >= QNN_MIN_ERROR_PROPERTY && code <= QNN_MAX_ERROR_PROPERTY) return "property";
    if (code >= QNN_MIN_ERROR_OP_PACKAGE && code <= QNN_MAX_ERROR_OP_PACKAGE) return "op package";
    if (code >= QNN_MIN_ERROR_BACKEND && code <= QNN_MAX_ERROR_BACKEND) return "backend";
    if (code >= QNN_MIN_ERROR_CONTEXT && code <= QNN_MAX_ERROR_CONTEXT) return "context";
    if (code >= QNN_MIN_ERROR_GRAPH && code <= QNN_MAX_ERROR_GRAPH) return "graph";
    if (code >= QNN_MIN_ERROR_TENSOR && code <= QNN_MAX_ERROR_TENSOR) return "tensor";
    if (code >= QNN_MIN_ERROR_MEM && code <= QNN_MAX_ERROR_MEM) return "mem";
    if (code >= QNN_MIN_ERROR_SIGNAL && code <= QNN_MAX_ERROR_SIGNAL) return "signal";
    if (code >= QNN_MIN_ERROR_LOG && code <= QNN_MAX_ERROR_LOG) return "log";
    if (code >= QNN_MIN_ERROR_PROFILE && code <= QNN_MAX_ERROR_PROFILE) return "profile";
    if (code >= QNN_MIN_ERROR_DEVICE && code <= QNN_MAX_ERROR_DEVICE) return "device";
    if (code >= QNN_MIN_ERROR_GLOBAL_CONFIG && code <= QNN_MAX_ERROR_GLOBAL_CONFIG) return "global config";
    if (code >= QNN_MIN_ERROR_INTERFACE && code <= QNN_MAX_ERROR_INTERFACE) return "interface";
    return "unknown";
}

/* Names for the codes every component shares (QnnCommon_Error_t); component-specific codes are
 * described by the backend's own QnnError_getMessage where it has one. */
static const char *common_name(unsigned code) {
    switch (code) {
    case QNN_COMMON_ERROR_NOT_SUPPORTED: return "not supported";
    case QNN_COMMON_ERROR_MEM_ALLOC: return "memory allocation failed";
    case QNN_COMMON_ERROR_SYSTEM: return "system error";
    case QNN_COMMON_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case QNN_COMMON_ERROR_OPERATION_NOT_PERMITTED: return "operation not permitted";
    case QNN_COMMON_ERROR_PLATFORM_NOT_SUPPORTED: return "platform not supported";
    case QNN_COMMON_ERROR_SYSTEM_COMMUNICATION: return "system communication error";
    case QNN_COMMON_ERROR_INCOMPATIBLE_BINARIES: return "incompatible library versions";
    case QNN_COMMON_ERROR_LOADING_BINARIES: return "library already loaded in this process";
    case QNN_COMMON_ERROR_RESOURCE_UNAVAILABLE: return "resource unavailable";
    case QNN_COMMON_ERROR_SYSTEM_COMMUNICATION_FATAL: return "fatal system communication error";
    case QNN_COMMON_ERROR_GENERAL: return "general error";
    default: return NULL;
    }
}

static void throw_msg(JNIEnv *env, const char *msg) {
    if ((*env)->ExceptionCheck(env)) return;
    jclass cls = (*env)->FindClass(env, EXCEPTION_CLASS);
    if (cls != NULL) (*env)->ThrowNew(env, cls, msg);
}

/* "<what> failed: QNN error 6004 (graph error[, common name]) [backend message] [log: ...]" */
static void throw_qnn(JNIEnv *env, const session_t *s, const char *what, Qnn_ErrorHandle_t err) {
    unsigned code = (unsigned)QNN_GET_ERROR_CODE(err);
    const char *common = common_name(code);
    const char *backend_msg = NULL;
    if (s != NULL && s->api != NULL && s->api->errorGetMessage != NULL) {
        if (s->api->errorGetMessage(err, &backend_msg) != QNN_SUCCESS) backend_msg = NULL;
    }
    char msg[LOG_CAPACITY + 1024];
    pthread_mutex_lock(&log_lock);
    snprintf(msg, sizeof msg, "%s failed: QNN error %u (%s error%s%s)%s%s%s%s", what, code, component_of(code),
             common ? ", " : "", common ? common : "", backend_msg ? "; " : "", backend_msg ? backend_msg : "",
             log_len ? "; backend log: " : "", log_buf);
    pthread_mutex_unlock(&log_lock);
    throw_msg(env, msg);
}

/* ---- sessions ------------------------------------------------------------------------------- */

static void session_free(session_t *s) {
    if (s == NULL) return;
    if (s->api != NULL) {
        if (s->context != NULL && s->api->contextFree) s->api->contextFree(s->context, NULL);
        if (s->device != NULL && s->api->deviceFree) s->api->deviceFree(s->device);
        if (s->backend != NULL && s->api->backendFree) s->api->backendFree(s->backend);
        if (s->log != NULL && s->api->logFree) s->api->logFree(s->log);
    }
    /* The library stays mapped: QNN backends keep process-wide state (threads, the HTP simulator)
     * that does not always survive dlclose and a later re-open (QNN_COMMON_ERROR_LOADING_BINARIES),
     * and dlopen of the same path returns the same mapping anyway. */
    free(s);
}

typedef Qnn_ErrorHandle_t (*get_providers_fn)(const QnnInterface_t ***providers, uint32_t *count);

JNIEXPORT jlong JNICALL Java_org_hetsched_backend_qnn_direct_QnnDirect_nOpen(JNIEnv *env, jclass cls, jstring jpath,
                                                                            jboolean useDevice) {
    (void)cls;
    const char *path = (*env)->GetStringUTFChars(env, jpath, NULL);
    if (path == NULL) return 0;
    char msg[2048];
    dlerror();
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        snprintf(msg, sizeof msg, "cannot load the QNN backend library %s: %s", path, dlerror());
        (*env)->ReleaseStringUTFChars(env, jpath, path);
        throw_msg(env, msg);
        return 0;
    }
    get_providers_fn get_providers = (get_providers_fn)dlsym(lib, "QnnInterface_getProviders");
    if (get_providers == NULL) {
        snprintf(msg, sizeof msg, "%s is not a QNN backend library: it has no QnnInterface_getProviders", path);
        (*env)->ReleaseStringUTFChars(env, jpath, path);
        throw_msg(env, msg);
        return 0;
    }
    (*env)->ReleaseStringUTFChars(env, jpath, path);

    session_t *s = calloc(1, sizeof *s);
    if (s == NULL) {
        throw_msg(env, "out of memory");
        return 0;
    }
    s->lib = lib;
    log_clear();

    const QnnInterface_t **providers = NULL;
    uint32_t count = 0;
    Qnn_ErrorHandle_t err = get_providers(&providers, &count);
    if (err != QNN_SUCCESS || providers == NULL || count == 0) {
        if (err != QNN_SUCCESS) throw_qnn(env, s, "QnnInterface_getProviders", err);
        else throw_msg(env, "QnnInterface_getProviders returned no interface providers");
        session_free(s);
        return 0;
    }
    /* The function table is append-only within a major API version, so a provider of the same
     * major version serves every slot this file uses; among those, take the newest. */
    const QnnInterface_t *chosen = NULL;
    for (uint32_t i = 0; i < count; i++) {
        const QnnInterface_t *p = providers[i];
        if (p == NULL || p->apiVersion.coreApiVersion.major != QNN_API_VERSION_MAJOR) continue;
        if (chosen == NULL || p->apiVersion.coreApiVersion.minor > chosen->apiVersion.coreApiVersion.minor) chosen = p;
    }
    if (chosen == NULL) {
        snprintf(msg, sizeof msg,
                 "no QNN interface provider with core API major version %d (the headers this adapter was built with);"
                 " the library offers %u provider(s), the first with core API %u.%u.%u",
                 QNN_API_VERSION_MAJOR, count, providers[0]->apiVersion.coreApiVersion.major,
                 providers[0]->apiVersion.coreApiVersion.minor, providers[0]->apiVersion.coreApiVersion.patch);
        throw_msg(env, msg);
        session_free(s);
        return 0;
    }
    s->api = &chosen->QNN_INTERFACE_VER_NAME;
    s->version = chosen->apiVersion;
    snprintf(s->provider, sizeof s->provider, "%s", chosen->providerName ? chosen->providerName : "(unnamed)");
    const char *build_id = NULL;
    if (s->api->backendGetBuildId && s->api->backendGetBuildId(&build_id) == QNN_SUCCESS && build_id != NULL) {
        snprintf(s->build_id, sizeof s->build_id, "%s", build_id);
    }

    if (s->api->logCreate && (err = s->api->logCreate(log_callback, QNN_LOG_LEVEL_WARN, &s->log)) != QNN_SUCCESS) {
        /* Not fatal: the backend works without a logger, errors just lose their log lines. */
        s->log = NULL;
    }
    if ((err = s->api->backendCreate(s->log, NULL, &s->backend)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnBackend_create", err);
        session_free(s);
        return 0;
    }
    /* A device is optional for most backends (the HTP picks its default device when the context is
     * created with none), so a backend without device support is not an error. */
    if (useDevice && s->api->deviceCreate != NULL) {
        if ((err = s->api->deviceCreate(s->log, NULL, &s->device)) != QNN_SUCCESS) {
            unsigned code = (unsigned)QNN_GET_ERROR_CODE(err);
            if (code != QNN_COMMON_ERROR_NOT_SUPPORTED) {
                throw_qnn(env, s, "QnnDevice_create", err);
                session_free(s);
                return 0;
            }
            s->device = NULL;
        }
    }
    if ((err = s->api->contextCreate(s->backend, s->device, NULL, &s->context)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnContext_create", err);
        session_free(s);
        return 0;
    }
    return (jlong)(intptr_t)s;
}

JNIEXPORT jstring JNICALL Java_org_hetsched_backend_qnn_direct_QnnDirect_nDescribe(JNIEnv *env, jclass cls, jlong h) {
    (void)cls;
    const session_t *s = (const session_t *)(intptr_t)h;
    char text[512];
    snprintf(text, sizeof text, "provider=%s core-api=%u.%u.%u backend-api=%u.%u.%u build=%s device=%s", s->provider,
             s->version.coreApiVersion.major, s->version.coreApiVersion.minor, s->version.coreApiVersion.patch,
             s->version.backendApiVersion.major, s->version.backendApiVersion.minor,
             s->version.backendApiVersion.patch, s->build_id[0] ? s->build_id : "?", s->device ? "yes" : "default");
    return (*env)->NewStringUTF(env, text);
}

JNIEXPORT void JNICALL Java_org_hetsched_backend_qnn_direct_QnnDirect_nClose(JNIEnv *env, jclass cls, jlong h) {
    (void)env;
    (void)cls;
    session_free((session_t *)(intptr_t)h);
}

/* ---- float16 ---------------------------------------------------------------------------------- */

/* IEEE binary16 conversions, round to nearest even; the HTP's native float type is fp16, and C11
 * has no portable half type. */
static uint16_t f32_to_f16(float f) {
    uint32_t x;
    memcpy(&x, &f, sizeof x);
    uint32_t sign = (x >> 16) & 0x8000u;
    int32_t exp = (int32_t)((x >> 23) & 0xFF) - 127 + 15;
    uint32_t mant = x & 0x7FFFFFu;
    if (((x >> 23) & 0xFF) == 0xFF) return (uint16_t)(sign | 0x7C00u | (mant ? 0x200u : 0)); /* inf / nan */
    if (exp >= 31) return (uint16_t)(sign | 0x7C00u);                                       /* overflow */
    if (exp <= 0) {                                                                         /* subnormal */
        if (exp < -10) return (uint16_t)sign;
        mant |= 0x800000u;
        uint32_t shift = (uint32_t)(14 - exp);
        uint32_t half = mant >> shift;
        uint32_t rem = mant & ((1u << shift) - 1), mid = 1u << (shift - 1);
        if (rem > mid || (rem == mid && (half & 1u))) half++;
        return (uint16_t)(sign | half);
    }
    uint32_t half = sign | ((uint32_t)exp << 10) | (mant >> 13);
    uint32_t rem = mant & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (half & 1u))) half++; /* may carry into the exponent: correct */
    return (uint16_t)half;
}

static float f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1Fu, mant = h & 0x3FFu, x;
    if (exp == 0) {
        if (mant == 0) {
            x = sign;
        } else { /* subnormal: normalise */
            exp = 127 - 15 + 1;
            while ((mant & 0x400u) == 0) mant <<= 1, exp--;
            x = sign | (exp << 23) | ((mant & 0x3FFu) << 13);
        }
    } else if (exp == 31) {
        x = sign | 0x7F800000u | (mant << 13);
    } else {
        x = sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
    float f;
    memcpy(&f, &x, sizeof f);
    return f;
}

/* ---- graph run ------------------------------------------------------------------------------ */

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void init_tensor(Qnn_Tensor_t *t, const char *name, Qnn_TensorType_t type, Qnn_DataType_t dtype,
                        uint32_t rank, uint32_t *dims) {
    /* Zeroing first matters: every field this file does not set (v2 extras, quantization union)
     * must read as "unused" to the backend. Version 1 keeps the struct valid for older backends. */
    memset(t, 0, sizeof *t);
    t->version = QNN_TENSOR_VERSION_1;
    t->v1.name = name;
    t->v1.type = type;
    t->v1.dataFormat = QNN_TENSOR_DATA_FORMAT_FLAT_BUFFER;
    t->v1.dataType = dtype;
    t->v1.quantizeParams.encodingDefinition = QNN_DEFINITION_UNDEFINED;
    t->v1.quantizeParams.quantizationEncoding = QNN_QUANTIZATION_ENCODING_UNDEFINED;
    t->v1.rank = rank;
    t->v1.dimensions = dims;
    t->v1.memType = QNN_TENSORMEMTYPE_RAW;
}

/* Growing arrays of flattened events: per event 4 longs (type, unit, value, parent index), and its
 * identifier. Parents precede their children, so Java can build the tree in one pass. */
typedef struct {
    int64_t *rows;
    const char **ids;
    size_t n, cap;
} events_t;

#define MAX_EVENTS 100000
#define MAX_DEPTH 8

static int events_add(events_t *e, const QnnProfile_EventData_t *d, int64_t parent) {
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        int64_t *rows = realloc(e->rows, cap * 4 * sizeof *rows);
        if (rows == NULL) return -1;
        e->rows = rows;
        const char **ids = realloc(e->ids, cap * sizeof *ids);
        if (ids == NULL) return -1;
        e->ids = ids;
        e->cap = cap;
    }
    e->rows[4 * e->n] = d->type;
    e->rows[4 * e->n + 1] = d->unit;
    e->rows[4 * e->n + 2] = (int64_t)d->value;
    e->rows[4 * e->n + 3] = parent;
    e->ids[e->n] = d->identifier; /* owned by the profile handle, valid until it is freed */
    e->n++;
    return 0;
}

/* Depth-first over events and their sub-events (QnnProfile_getSubEvents), recording each event
 * before its children. Returns QNN_SUCCESS or the failing call's error, with *what naming it. */
static Qnn_ErrorHandle_t walk_events(const session_t *s, events_t *out, const QnnProfile_EventId_t *ids,
                                     uint32_t count, int64_t parent, int depth, const char **what) {
    for (uint32_t i = 0; i < count; i++) {
        QnnProfile_EventData_t data;
        memset(&data, 0, sizeof data);
        Qnn_ErrorHandle_t err = s->api->profileGetEventData(ids[i], &data);
        if (err != QNN_SUCCESS) {
            *what = "QnnProfile_getEventData";
            return err;
        }
        if (out->n >= MAX_EVENTS) return QNN_SUCCESS; /* a runaway profile is truncated, not fatal */
        int64_t self = (int64_t)out->n;
        if (events_add(out, &data, parent) != 0) {
            *what = "recording profile events (out of memory)";
            return QNN_COMMON_ERROR_MEM_ALLOC;
        }
        if (depth >= MAX_DEPTH || s->api->profileGetSubEvents == NULL) continue;
        const QnnProfile_EventId_t *sub = NULL;
        uint32_t nsub = 0;
        err = s->api->profileGetSubEvents(ids[i], &sub, &nsub);
        if (err != QNN_SUCCESS) {
            *what = "QnnProfile_getSubEvents";
            return err;
        }
        if (nsub > 0 && sub != NULL) {
            err = walk_events(s, out, sub, nsub, self, depth + 1, what);
            if (err != QNN_SUCCESS) return err;
        }
    }
    return QNN_SUCCESS;
}

/*
 * Builds a one-node graph out = ElementWiseAdd(a, b) with both inputs fed by the caller, finalizes
 * it and executes it `runs` times, all under one detailed profile. Fills out (as float) and
 * timesNs = {finalize ns, last execute ns}; returns {long[] rows, String[] identifiers}.
 */
JNIEXPORT jobjectArray JNICALL Java_org_hetsched_backend_qnn_direct_QnnDirect_nRunAdd(
    JNIEnv *env, jclass cls, jlong h, jfloatArray ja, jfloatArray jb, jintArray jdims, jint dtype, jint runs,
    jfloatArray jout, jlongArray jtimes) {
    (void)cls;
    session_t *s = (session_t *)(intptr_t)h;
    jobjectArray result = NULL;
    /* Buffers are sized for 4- or 2-byte elements; any other type would let QNN write past them. */
    if (dtype != QNN_DATATYPE_FLOAT_32 && dtype != QNN_DATATYPE_FLOAT_16) {
        throw_msg(env, "only QNN_DATATYPE_FLOAT_32 and QNN_DATATYPE_FLOAT_16 tensors are supported");
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, ja);
    jsize rank = (*env)->GetArrayLength(env, jdims);
    size_t elem = dtype == QNN_DATATYPE_FLOAT_16 ? 2 : 4;
    uint32_t dims[8];
    jint jd[8];
    (*env)->GetIntArrayRegion(env, jdims, 0, rank, jd);
    for (jsize i = 0; i < rank; i++) dims[i] = (uint32_t)jd[i];

    void *a = malloc((size_t)n * elem), *b = malloc((size_t)n * elem), *o = malloc((size_t)n * elem);
    float *tmp = malloc((size_t)n * sizeof(float));
    events_t ev = {0};
    Qnn_ProfileHandle_t profile = NULL;
    if (a == NULL || b == NULL || o == NULL || tmp == NULL) {
        throw_msg(env, "out of memory");
        goto done;
    }
    /* Inputs in the tensor's data type: float32 as is, float16 converted here. */
    for (int k = 0; k < 2; k++) {
        (*env)->GetFloatArrayRegion(env, k == 0 ? ja : jb, 0, n, tmp);
        void *dst = k == 0 ? a : b;
        if (elem == 4) memcpy(dst, tmp, (size_t)n * 4);
        else for (jsize i = 0; i < n; i++) ((uint16_t *)dst)[i] = f32_to_f16(tmp[i]);
    }
    log_clear();

    Qnn_ErrorHandle_t err;
    char graph_name[64];
    snprintf(graph_name, sizeof graph_name, "hetsched_add_%u", s->graphs++);
    Qnn_GraphHandle_t graph = NULL;
    if ((err = s->api->graphCreate(s->context, graph_name, NULL, &graph)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnGraph_create", err);
        goto done;
    }
    Qnn_Tensor_t io[3]; /* inputs a, b then the output: addNode takes the inputs as one array */
    init_tensor(&io[0], "a", QNN_TENSOR_TYPE_APP_WRITE, (Qnn_DataType_t)dtype, (uint32_t)rank, dims);
    init_tensor(&io[1], "b", QNN_TENSOR_TYPE_APP_WRITE, (Qnn_DataType_t)dtype, (uint32_t)rank, dims);
    init_tensor(&io[2], "out", QNN_TENSOR_TYPE_APP_READ, (Qnn_DataType_t)dtype, (uint32_t)rank, dims);
    for (int k = 0; k < 3; k++) {
        /* Registers the tensor with the graph and fills in its id, which addNode and execute use. */
        if ((err = s->api->tensorCreateGraphTensor(graph, &io[k])) != QNN_SUCCESS) {
            throw_qnn(env, s, "QnnTensor_createGraphTensor", err);
            goto done;
        }
    }
    Qnn_OpConfig_t op;
    memset(&op, 0, sizeof op);
    op.version = QNN_OPCONFIG_VERSION_1;
    op.v1.name = "add";
    op.v1.packageName = "qti.aisw"; /* QNN's built-in op package */
    op.v1.typeName = "ElementWiseAdd";
    op.v1.numOfInputs = 2;
    op.v1.inputTensors = &io[0];
    op.v1.numOfOutputs = 1;
    op.v1.outputTensors = &io[2];
    if ((err = s->api->graphAddNode(graph, op)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnGraph_addNode(ElementWiseAdd)", err);
        goto done;
    }
    if ((err = s->api->profileCreate(s->backend, QNN_PROFILE_LEVEL_DETAILED, &profile)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnProfile_create(detailed)", err);
        profile = NULL;
        goto done;
    }
    int64_t t0 = now_ns();
    if ((err = s->api->graphFinalize(graph, profile, NULL)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnGraph_finalize", err);
        goto done;
    }
    int64_t finalize_ns = now_ns() - t0, execute_ns = 0;

    io[0].v1.clientBuf.data = a;
    io[0].v1.clientBuf.dataSize = (uint32_t)((size_t)n * elem);
    io[1].v1.clientBuf.data = b;
    io[1].v1.clientBuf.dataSize = (uint32_t)((size_t)n * elem);
    io[2].v1.clientBuf.data = o;
    io[2].v1.clientBuf.dataSize = (uint32_t)((size_t)n * elem);
    for (jint r = 0; r < runs; r++) {
        t0 = now_ns();
        if ((err = s->api->graphExecute(graph, &io[0], 2, &io[2], 1, profile, NULL)) != QNN_SUCCESS) {
            throw_qnn(env, s, "QnnGraph_execute", err);
            goto done;
        }
        execute_ns = now_ns() - t0;
    }
    if (elem == 4) memcpy(tmp, o, (size_t)n * 4);
    else for (jsize i = 0; i < n; i++) tmp[i] = f16_to_f32(((uint16_t *)o)[i]);
    (*env)->SetFloatArrayRegion(env, jout, 0, n, tmp);
    jlong times[2] = {finalize_ns, execute_ns};
    (*env)->SetLongArrayRegion(env, jtimes, 0, 2, times);

    const QnnProfile_EventId_t *top = NULL;
    uint32_t ntop = 0;
    if ((err = s->api->profileGetEvents(profile, &top, &ntop)) != QNN_SUCCESS) {
        throw_qnn(env, s, "QnnProfile_getEvents", err);
        goto done;
    }
    const char *what = NULL;
    if (ntop > 0 && (err = walk_events(s, &ev, top, ntop, -1, 0, &what)) != QNN_SUCCESS) {
        throw_qnn(env, s, what, err);
        goto done;
    }

    jlongArray rows = (*env)->NewLongArray(env, (jsize)(4 * ev.n));
    jclass string_cls = (*env)->FindClass(env, "java/lang/String");
    jclass object_cls = (*env)->FindClass(env, "java/lang/Object");
    if (rows == NULL || string_cls == NULL || object_cls == NULL) goto done;
    jobjectArray idents = (*env)->NewObjectArray(env, (jsize)ev.n, string_cls, NULL);
    if (idents == NULL) goto done;
    if (ev.n > 0) (*env)->SetLongArrayRegion(env, rows, 0, (jsize)(4 * ev.n), (const jlong *)ev.rows);
    for (size_t i = 0; i < ev.n; i++) {
        jstring id = (*env)->NewStringUTF(env, ev.ids[i] ? ev.ids[i] : "");
        if (id == NULL) goto done;
        (*env)->SetObjectArrayElement(env, idents, (jsize)i, id);
        (*env)->DeleteLocalRef(env, id);
    }
    result = (*env)->NewObjectArray(env, 2, object_cls, NULL);
    if (result == NULL) goto done;
    (*env)->SetObjectArrayElement(env, result, 0, rows);
    (*env)->SetObjectArrayElement(env, result, 1, idents);

done:
    /* The graph itself is owned by the context and released with it (QNN has no graph free). */
    if (profile != NULL) s->api->profileFree(profile);
    free(ev.rows);
    free(ev.ids);
    free(a);
    free(b);
    free(o);
    free(tmp);
    return result;
}
