/*
 * Thread affinity for the replay lanes (see org.hetsched.backend.jni.ThreadAffinity).
 *
 * Linux only: sched_{get,set}affinity with pid 0 act on the calling thread, which is what a lane
 * worker wants when it pins itself before its first task.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <jni.h>

#include "org_hetsched_backend_jni_ThreadAffinity.h"

/* Returns 0 on success, else the errno of sched_setaffinity (EINVAL: CPU not allowed or absent). */
JNIEXPORT jint JNICALL Java_org_hetsched_backend_jni_ThreadAffinity_pinNative(JNIEnv *env, jclass cls, jint cpu) {
    (void) env;
    (void) cls;
    if (cpu < 0 || cpu >= CPU_SETSIZE) return EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : errno;
}

/* Writes the CPUs the calling thread may run on into out (ascending); returns how many, or -errno. */
JNIEXPORT jint JNICALL Java_org_hetsched_backend_jni_ThreadAffinity_allowedNative(JNIEnv *env, jclass cls, jintArray out) {
    (void) cls;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -errno;
    jsize capacity = (*env)->GetArrayLength(env, out);
    jint count = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && count < capacity; cpu++) {
        if (CPU_ISSET(cpu, &set)) {
            jint value = cpu;
            (*env)->SetIntArrayRegion(env, out, count, 1, &value);
            count++;
        }
    }
    return count;
}
