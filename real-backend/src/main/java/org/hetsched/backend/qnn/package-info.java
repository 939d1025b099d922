/**
 * The QNN backend: Qualcomm's QNN runtime through ONNX Runtime's QNN execution provider (the
 * onnxruntime-qnn package; HTP emulated on x86-64) and a backend with a QNN NPU lane next to the
 * host float lane. The models it runs and the profiling CSV it reads are in
 * {@code org.hetsched.artefacts}.
 */
package org.hetsched.backend.qnn;
