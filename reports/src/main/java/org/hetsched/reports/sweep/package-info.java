/** Running simulations from named inputs: one point now, sweeps of many later. */
package org.hetsched.reports.sweep;
