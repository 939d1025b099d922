/** Results as JSON, CSV and text tables. */
package org.hetsched.reports.table;
