package org.hetsched.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.EnumMap;
import java.util.Map;
import org.hetsched.core.graph.SubgraphRole;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The colours, markers and dashes every chart uses: the Okabe–Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies (Okabe and Ito, "Color Universal
 * Design", 2008), with a marker and a dash per series so lines also survive greyscale printing.
 */
final class Palette {
    static final Color BLACK = new Color(0x000000);
    static final Color ORANGE = new Color(0xE69F00);
    static final Color SKY_BLUE = new Color(0x56B4E9);
    static final Color BLUISH_GREEN = new Color(0x009E73);
    static final Color YELLOW = new Color(0xF0E442);
    static final Color BLUE = new Color(0x0072B2);
    static final Color VERMILLION = new Color(0xD55E00);
    static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    /** Not one of Okabe–Ito's: for what is not a series of its own (bubbles, generic tasks). */
    static final Color GREY = new Color(0x999999);
    static final Color GRID = new Color(0xDDDDDD);
    static final Color LANE = new Color(0xF2F2F2);

    /** Series colours in order; yellow is last because it is faint on white. */
    static final Color[] SERIES = {BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK, YELLOW};

    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
            SeriesMarkers.OVAL};

    /** Line width in points: thin enough for a 3.5 in figure, thick enough to survive scaling down. */
    static final double LINE_PT = 1.1;

    /** Dash patterns in points: solid, dashed, dotted, dash-dot. */
    private static final float[][] DASHES = {null, {4f, 2f}, {1.2f, 1.5f}, {4f, 1.5f, 1.2f, 1.5f}};

    /** Gantt colour of each subgraph role: the two big ones (linear, attention) get the two lightest. */
    private static final Map<SubgraphRole, Color> ROLES = new EnumMap<>(Map.of(
            SubgraphRole.PROLOGUE, BLUISH_GREEN,
            SubgraphRole.ATTENTION, ORANGE,
            SubgraphRole.LINEAR, SKY_BLUE,
            SubgraphRole.SHADOW, VERMILLION,
            SubgraphRole.EPILOGUE, REDDISH_PURPLE,
            SubgraphRole.GENERIC, GREY));

    private Palette() {
    }

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }

    static Marker marker(int i) {
        return MARKERS[i % MARKERS.length];
    }

    static BasicStroke line(int i) {
        return lines()[i % DASHES.length];
    }

    /** The line strokes in chart units. */
    static BasicStroke[] lines() {
        BasicStroke[] lines = new BasicStroke[DASHES.length];
        for (int i = 0; i < lines.length; i++) {
            float[] dash = DASHES[i];
            if (dash == null) {
                lines[i] = new BasicStroke(PaperStyle.unitsF(LINE_PT), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
            } else {
                float[] units = new float[dash.length];
                for (int d = 0; d < dash.length; d++) units[d] = PaperStyle.unitsF(dash[d]);
                lines[i] = new BasicStroke(PaperStyle.unitsF(LINE_PT), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, units, 0f);
            }
        }
        return lines;
    }

    static Color role(SubgraphRole role) {
        return ROLES.get(role);
    }

    /** {@code c} darkened by {@code factor} in (0, 1]: the shade of alternate chunks in a Gantt. */
    static Color darker(Color c, double factor) {
        return new Color((int) Math.round(c.getRed() * factor), (int) Math.round(c.getGreen() * factor),
                (int) Math.round(c.getBlue() * factor));
    }
}
