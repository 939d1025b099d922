/** Published or measured end-to-end numbers (targets), and what the simulator predicts for each. */
package org.hetsched.reports.reproduce;
