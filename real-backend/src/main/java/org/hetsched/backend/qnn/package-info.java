/**
 * The QNN backend: Qualcomm's QNN runtime through ONNX Runtime's QNN execution provider (the
 * onnxruntime-qnn package; HTP emulated on x86-64), its detailed profiling CSV, and a backend with
 * a QNN NPU lane next to the host float lane.
 */
package org.hetsched.backend.qnn;
