/*
 * Points file descriptor 1 at descriptor 2 and back, for NativeStdout: native libraries (QNN,
 * ONNX Runtime) print to fd 1 through C stdio, beneath System.out, and would corrupt a command's
 * machine-readable stdout.
 */
#include <errno.h>
#include <jni.h>
#include <stdio.h>
#include <unistd.h>

/* Returns a duplicate of the old fd 1 (to restore later), or -errno. */
JNIEXPORT jint JNICALL Java_org_hetsched_backend_jni_NativeStdout_redirectNative(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    fflush(stdout);
    int saved = dup(1);
    if (saved < 0) return -errno;
    if (dup2(2, 1) < 0) {
        int e = errno;
        close(saved);
        return -e;
    }
    return saved;
}

/* Flushes what native code buffered for fd 1 (it goes to fd 2), then restores fd 1; 0 or errno. */
JNIEXPORT jint JNICALL Java_org_hetsched_backend_jni_NativeStdout_restoreNative(JNIEnv *env, jclass cls, jint saved) {
    (void) env;
    (void) cls;
    fflush(stdout);
    if (dup2(saved, 1) < 0) return errno;
    close(saved);
    return 0;
}
