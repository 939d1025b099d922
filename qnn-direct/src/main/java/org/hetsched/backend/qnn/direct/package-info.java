/**
 * Path B of the QNN backend: a JNI adapter that calls Qualcomm's QNN C API directly (dlopen a
 * backend library such as {@code libQnnHtp.so}, create backend, context and graph, execute, and
 * read {@code QnnProfile} events and sub-events at the detailed level). The native library is built
 * only by the opt-in Maven profile {@code qnn-direct}, when {@code QNN_SDK_ROOT} names a QAIRT SDK;
 * without it {@link org.hetsched.backend.qnn.direct.QnnDirect#isAvailable()} is false.
 */
package org.hetsched.backend.qnn.direct;
