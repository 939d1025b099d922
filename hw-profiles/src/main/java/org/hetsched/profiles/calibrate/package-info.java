/**
 * Calibration arithmetic: robust statistics over repeated measurements, cost-curve fits, the
 * isotonic (non-decreasing in m) merge of points, provenance, device profiles written from
 * measurements, and the in-situ refit of a profile's points to replay traces.
 */
package org.hetsched.profiles.calibrate;
