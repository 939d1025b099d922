/*
 * Test-only: a JNI function that crashes on purpose, to prove that a replay in a child JVM turns a
 * native crash into an error in the parent. Compiled by the test phase into target/test-classes
 * only; it never enters the jar.
 */
#include <jni.h>

JNIEXPORT void JNICALL Java_org_hetsched_backend_replay_NativeCrashHook_crashForTests(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    volatile int *volatile nowhere = 0;
    *nowhere = 42; /* SIGSEGV: a write through a null pointer */
}
