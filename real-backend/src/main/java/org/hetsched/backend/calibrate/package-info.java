/**
 * Calibration and validation runs on an execution backend: measuring the host and QNN lanes into a
 * device profile, and replaying a plan to compare its measured trace with the simulated one.
 */
package org.hetsched.backend.calibrate;
