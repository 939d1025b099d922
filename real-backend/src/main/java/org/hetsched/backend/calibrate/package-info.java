/**
 * Calibration and validation runs on an execution backend: measuring the host and QNN lanes into a
 * device profile (op by op, or refitted to replays of calibration plans), and replaying a plan to compare its measured trace with the simulated one.
 */
package org.hetsched.backend.calibrate;
