/** What hetsched produces: simulation runs, tables, traces (charts and sweeps come in their subpackages). */
package org.hetsched.reports;
