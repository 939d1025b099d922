package org.hetsched.reports.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/** Checks every figure must pass: nothing drawn up to its edge (where text would be cut), no two series alike. */
public final class FigureChecks {
    /** Resolution of the rendering the edge check scans: one pixel per point. */
    private static final int DPI = 72;
    /** Width in pixels (points) of the border that must stay blank: half the 4 pt chart padding. */
    private static final int BORDER_PX = 2;

    private FigureChecks() {
    }

    /**
     * The sides ("top", "left", …) of {@code chart}, rendered as PNG, with ink within {@value #BORDER_PX}
     * pt of the edge: text or a plot that runs off the figure, e.g. an axis title longer than its axis.
     * For small multiples, every panel is checked the same way, as it is painted in the grid.
     */
    public static List<String> inkAtEdges(Chart<?, ?> chart) {
        List<String> sides = new ArrayList<>(inkAtEdgesOf(chart, ""));
        if (chart instanceof FacetGrid grid) {
            for (FacetGrid.Panel p : grid.panels()) sides.addAll(inkAtEdgesOf(p.chart(), "panel " + p.title() + ": "));
        }
        return sides;
    }

    private static List<String> inkAtEdgesOf(Chart<?, ?> chart, String prefix) {
        BufferedImage image;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Charts.write(chart, ChartFormat.PNG, DPI, out);
            image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        List<String> sides = new ArrayList<>();
        if (inked(image, 0, 0, w, BORDER_PX)) sides.add(prefix + "top");
        if (inked(image, 0, h - BORDER_PX, w, h)) sides.add(prefix + "bottom");
        if (inked(image, 0, 0, BORDER_PX, h)) sides.add(prefix + "left");
        if (inked(image, w - BORDER_PX, 0, w, h)) sides.add(prefix + "right");
        return sides;
    }

    private static boolean inked(BufferedImage image, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) return true;
            }
        }
        return false;
    }

    /**
     * Pairs of legend entries of {@code chart} that look alike (same key: colour, dash, marker), as
     * "a = b"; for small multiples the legend is the one below the grid, each name once.
     */
    public static List<String> repeatedStyles(Chart<?, ?> chart) {
        Map<String, PaperLegend.Entry> entries = new LinkedHashMap<>();
        List<Chart<?, ?>> charts = new ArrayList<>();
        if (chart instanceof FacetGrid grid) {
            for (FacetGrid.Panel p : grid.panels()) charts.add(p.chart());
        } else {
            charts.add(chart);
        }
        for (Chart<?, ?> c : charts) {
            List<PaperLegend.Entry> legend = c instanceof PaperXYChart xy ? xy.legendEntries() : ((PaperCategoryChart) c).legendEntries();
            for (PaperLegend.Entry e : legend) entries.putIfAbsent(e.series().getLabel(), e);
        }
        List<String> repeats = new ArrayList<>();
        Map<List<Object>, String> byStyle = new LinkedHashMap<>();
        for (Map.Entry<String, PaperLegend.Entry> e : entries.entrySet()) {
            String earlier = byStyle.putIfAbsent(PaperLegend.styleKey(e.getValue()), e.getKey());
            if (earlier != null) repeats.add(earlier + " = " + e.getKey());
        }
        return repeats;
    }
}
