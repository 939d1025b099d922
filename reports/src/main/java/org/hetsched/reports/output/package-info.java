/** The standard files of each command's output folder: charts, the HTML report, traces, tables. */
package org.hetsched.reports.output;
