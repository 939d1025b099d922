/**
 * Calibration arithmetic: robust statistics over repeated measurements, cost-curve fits, the
 * isotonic (non-decreasing in m) merge of points, provenance, and device profiles written from
 * measurements.
 */
package org.hetsched.profiles.calibrate;
