package org.hetsched.reports.chart;

/**
 * The printed size of a figure and the font size that stays legible at it.
 *
 * <p>SVG and PDF come out at this size (rounded to a third of a point), so a figure included at its natural size in a
 * paper keeps its fonts at {@code fontPt}; a PNG is rendered at {@code dpi} pixels per inch (see
 * {@link Charts}).
 *
 * @param widthIn  width in inches, in (0, 40]
 * @param heightIn height in inches, in (0, 40]
 * @param fontPt   axis-title font size in points, in [4, 24]; tick labels and the legend are one
 *                 point smaller, labels inside the plot two points smaller
 */
public record FigureSize(double widthIn, double heightIn, double fontPt) {
    /** Points per inch: the unit of chart coordinates. */
    public static final double POINTS_PER_INCH = 72;

    /**
     * One column of a two-column paper: 3.5 in wide, IEEEtran's {@code \columnwidth} (252 pt);
     * ACM's 3.33 in column takes it scaled by 0.95, which keeps the 8 pt font above 7.5 pt.
     */
    public static final FigureSize ONE_COLUMN = new FigureSize(3.5, 2.5, 8);

    /** Both columns of a two-column paper: 7.16 in wide, IEEEtran's {@code \textwidth} (516 pt). */
    public static final FigureSize TWO_COLUMN = new FigureSize(7.16, 2.8, 8);

    public FigureSize {
        check("width", widthIn, 0, 40);
        check("height", heightIn, 0, 40);
        if (!(fontPt >= 4 && fontPt <= 24)) {
            throw new IllegalArgumentException("figure font must be in [4, 24] pt, got " + fontPt);
        }
    }

    private static void check(String what, double inches, double lowExclusive, double high) {
        if (!(inches > lowExclusive && inches <= high)) {
            throw new IllegalArgumentException("figure " + what + " must be in (" + lowExclusive + ", " + high
                    + "] in, got " + inches);
        }
    }

    /** Width in points (1/72 in). */
    public double widthPt() {
        return widthIn * POINTS_PER_INCH;
    }

    /** Height in points. */
    public double heightPt() {
        return heightIn * POINTS_PER_INCH;
    }

    /** Width in pixels of a PNG of this figure at {@code dpi} dots per inch. */
    public int widthPx(int dpi) {
        return Charts.pixels(PaperStyle.units(widthPt()), dpi);
    }

    /** Height in pixels of a PNG of this figure at {@code dpi} dots per inch. */
    public int heightPx(int dpi) {
        return Charts.pixels(PaperStyle.units(heightPt()), dpi);
    }

    /** The same width and font with another height (e.g. a Gantt with many lanes). */
    public FigureSize withHeightIn(double newHeightIn) {
        return new FigureSize(widthIn, newHeightIn, fontPt);
    }
}
