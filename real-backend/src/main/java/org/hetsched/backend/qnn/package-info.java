/**
 * The QNN backend: Qualcomm's QNN runtime through ONNX Runtime's QNN execution provider (the
 * onnxruntime-qnn package; HTP emulated on x86-64), its detailed profiling CSV, a backend with
 * a QNN NPU lane next to the host float lane, and the export of NPU subgraphs as ONNX models (with
 * a manifest) to profile on a device.
 */
package org.hetsched.backend.qnn;
