/**
 * ONNX models written by hetsched itself: a protobuf wire encoder, a model builder, and the models
 * of a task's ops (QDQ INT8 linears and the float ops around them) with their Java reference.
 */
package org.hetsched.artefacts.onnx;
