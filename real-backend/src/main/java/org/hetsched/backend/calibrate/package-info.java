/** Calibration: robust statistics over repeated measurements, cost-curve fits, and device-profile writing. */
package org.hetsched.backend.calibrate;
