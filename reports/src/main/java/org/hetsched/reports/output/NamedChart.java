package org.hetsched.reports.output;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart and how to file and caption it.
 *
 * @param fileBase file name without extension, e.g. "latency-vs-prompt-sd8gen3"
 * @param caption  one sentence for the report
 * @param chart    the chart
 */
public record NamedChart(String fileBase, String caption, Chart<?, ?> chart) {
}
