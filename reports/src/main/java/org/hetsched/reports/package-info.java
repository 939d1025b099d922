/** What hetsched produces: simulation runs, tables, traces, the HTML report (charts and sweeps come in their subpackages). */
package org.hetsched.reports;
