/** The JNI boundary: loading the native host library from the jar, its kernels, and their plain-Java references. */
package org.hetsched.backend.jni;
