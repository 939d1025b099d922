/**
 * Calibration: robust statistics over repeated measurements, cost-curve fits, device-profile writing,
 * and the import of QNN profiles captured on a device into a device profile.
 */
package org.hetsched.backend.calibrate;
