/** Fitting a device profile's free numbers to end-to-end measurements (a targets file): paths, objective, optimiser, report. */
package org.hetsched.reports.fit;
