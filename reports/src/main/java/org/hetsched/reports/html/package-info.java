/** The self-contained HTML report: configuration, result tables, inline SVG figures, profile provenance. */
package org.hetsched.reports.html;
