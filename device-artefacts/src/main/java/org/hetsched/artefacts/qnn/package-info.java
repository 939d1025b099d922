/**
 * QNN files made for and read from a device: the export of a plan's NPU subgraphs as ONNX models
 * with their manifest, the parsing of QNN's detailed profiling CSV, and its import into a device
 * profile.
 */
package org.hetsched.artefacts.qnn;
