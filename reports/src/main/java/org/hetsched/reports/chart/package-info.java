/** Paper-ready figures with XChart (PNG, SVG, PDF), rendered headless: Gantt, sweeps, speedup, utilisation, energy. */
package org.hetsched.reports.chart;
