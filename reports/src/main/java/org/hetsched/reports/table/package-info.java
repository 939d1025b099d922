/** Results as JSON and text tables. */
package org.hetsched.reports.table;
