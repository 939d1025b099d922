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
 *
 * <p>Line style {@code i} is colour {@code i mod 8} with marker {@code (i + i div 8) mod 8}: the first
 * eight lines differ in everything, and no two of the first {@value #LINE_STYLES} share a colour and a
 * marker, so no figure draws two lines alike. Bar fills are the eight colours, then eight lighter tints.
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

    /**
     * The second eight bar fills: the series colours mixed half with white, except black, whose tint
     * would be the bubble-rate {@link #GREY}.
     */
    private static final Color[] TINTS = {tint(BLUE), tint(VERMILLION), tint(BLUISH_GREEN), tint(ORANGE),
            tint(REDDISH_PURPLE), tint(SKY_BLUE), new Color(0x4D4D4D), tint(YELLOW)};

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

    /** Distinct line styles (colour and marker) one figure can have. */
    static final int LINE_STYLES = SERIES.length * MARKERS.length;

    /** Distinct bar fills one figure can have. */
    static final int FILLS = SERIES.length + TINTS.length;

    /** The colour of line style {@code i}, in [0, {@value #LINE_STYLES}). */
    static Color series(int i) {
        return SERIES[checkLine(i) % SERIES.length];
    }

    /** The marker of line style {@code i}: shifted by one every round of colours, so colour and marker never repeat together. */
    static Marker marker(int i) {
        return MARKERS[(checkLine(i) + i / SERIES.length) % MARKERS.length];
    }

    /** The dash of line style {@code i}, shifted like the marker. */
    static BasicStroke line(int i) {
        return lines()[(checkLine(i) + i / SERIES.length) % DASHES.length];
    }

    /** Bar fill {@code i}, in [0, {@value #FILLS}): the series colours, then their tints. */
    static Color fill(int i) {
        if (i < 0 || i >= FILLS) {
            throw new IllegalArgumentException("a figure has at most " + FILLS + " distinct bar colours; bar series " + i
                    + " would repeat one (split the bars into panels)");
        }
        return i < SERIES.length ? SERIES[i] : TINTS[i - SERIES.length];
    }

    private static int checkLine(int i) {
        if (i < 0 || i >= LINE_STYLES) {
            throw new IllegalArgumentException("a figure has at most " + LINE_STYLES + " distinct line styles; line " + i
                    + " would repeat one (split the lines into panels)");
        }
        return i;
    }

    private static Color tint(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
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
