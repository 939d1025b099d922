package org.hetsched.reports.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.hetsched.reports.OutputFiles;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as PNG, SVG or PDF. Needs no display: run with {@code java.awt.headless=true}
 * where there is none (the tests and the command line do).
 *
 * <p>Every chart of this package is laid out in chart units of 1/3 pt (see {@link FigureSize});
 * the writer turns them into the figure's printed size. A chart made with XChart directly is taken
 * to be in the same units, so it prints at a third of its pixel width. SVG is XChart's
 * {@link VectorGraphicsEncoder} output (through VectorGraphics2D) with its size restated in
 * points; PDF is drawn through PDFBox as XChart's encoder does, on a page of the figure's size in
 * points. Both draw text as outlines, so no font needs embedding. PNG is rendered at
 * {@code dpi} pixels per inch and records its DPI, as XChart's {@code BitmapEncoder.saveBitmapWithDPI}
 * does (which in 3.8.8 can only write to a file path and knows nothing of chart units).
 *
 * <p>Deterministic: the same chart gives the same bytes in every format on the same JDK and
 * fonts (text is shaped with the installed font behind the logical {@code SansSerif}). The PDF
 * document id, which PDFBox would take from the clock, is derived from the page content instead.
 *
 * <p>Painting updates a chart's internal layout, so one chart must not be written from two
 * threads at once; different charts may be written in parallel.
 */
public final class Charts {
    /** The PNG resolution for print. */
    public static final int PRINT_DPI = 300;
    /** Lines one panel can draw, each in a style of its own (colour and marker). */
    public static final int MAX_LINES = Palette.LINE_STYLES;
    /** Bar series one figure can draw, each in a colour of its own. */
    public static final int MAX_BAR_SERIES = Palette.FILLS;

    private static final String PNG_METADATA = "javax_imageio_png_1.0";
    private static final Pattern SVG_ROOT = Pattern.compile("<svg\\b[^>]*>");

    private Charts() {
    }

    /**
     * Whether a bar chart of {@code size} split into {@code panels} panels can name {@code categories}
     * bar groups per panel without their labels overlapping (tilted up to upright).
     */
    public static boolean categoryLabelsFit(int categories, int panels, FigureSize size) {
        return BarPlot.labelsFit(categories, panels, size);
    }

    /** Writes {@code chart} in {@code format} (PNG at {@link #PRINT_DPI}) to {@code out}, which stays open. */
    public static void write(Chart<?, ?> chart, ChartFormat format, OutputStream out) throws IOException {
        write(chart, format, PRINT_DPI, out);
    }

    /**
     * Writes {@code chart} in {@code format} to {@code out}, which stays open.
     *
     * @param dpi PNG resolution in dots per inch, in [36, 1200]; ignored by SVG and PDF
     * @throws IllegalArgumentException if {@code dpi} is out of range
     * @throws IOException              if {@code out} fails
     */
    public static void write(Chart<?, ?> chart, ChartFormat format, int dpi, OutputStream out) throws IOException {
        if (dpi < 36 || dpi > 1200) throw new IllegalArgumentException("PNG resolution must be in [36, 1200] dpi, got " + dpi);
        // PDFBox closes the stream it saves to; the caller may have more to write to it (an archive)
        OutputStream unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        switch (format) {
            case PNG -> writePng(chart, dpi, unclosable);
            case SVG -> writeSvg(chart, unclosable);
            case PDF -> writePdf(chart, unclosable);
        }
        unclosable.flush();
    }

    /** The chart as bytes in {@code format} (PNG at {@link #PRINT_DPI}). */
    public static byte[] bytes(Chart<?, ?> chart, ChartFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(chart, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as " + format, e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** A writer for {@link OutputFiles}, so charts are written all-or-nothing with the other outputs. */
    public static OutputFiles.Writer writer(Chart<?, ?> chart, ChartFormat format) {
        return out -> write(chart, format, out);
    }

    /** Pixels for {@code units} chart units at {@code dpi}, rounded. */
    static int pixels(int units, int dpi) {
        return (int) Math.round((double) units * dpi / (FigureSize.POINTS_PER_INCH * PaperStyle.UNITS_PER_PT));
    }

    private static void writeSvg(Chart<?, ?> chart, OutputStream out) throws IOException {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);
        String text = svg.toString(StandardCharsets.UTF_8);
        // VectorGraphics2D states the size in px (1/96 in to a browser); the viewBox stays in chart units
        Matcher root = SVG_ROOT.matcher(text);
        if (!root.find()) throw new IllegalStateException("VectorGraphics2D wrote no <svg> element");
        String element = root.group()
                .replaceFirst("width=\"[^\"]*\"", "width=\"" + points(chart.getWidth()) + "pt\"")
                .replaceFirst("height=\"[^\"]*\"", "height=\"" + points(chart.getHeight()) + "pt\"");
        out.write((text.substring(0, root.start()) + element + text.substring(root.end())).getBytes(StandardCharsets.UTF_8));
    }

    private static void writePdf(Chart<?, ?> chart, OutputStream out) throws IOException {
        float widthPt = (float) chart.getWidth() / PaperStyle.UNITS_PER_PT;
        float heightPt = (float) chart.getHeight() / PaperStyle.UNITS_PER_PT;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(widthPt, heightPt));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, widthPt, heightPt);
            try {
                g.scale(1.0 / PaperStyle.UNITS_PER_PT, 1.0 / PaperStyle.UNITS_PER_PT);
                chart.paint(g, chart.getWidth(), chart.getHeight());
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(form);
            }
            document.setDocumentId(contentId(form.getContentStream().toByteArray()));
            document.save(out);
        }
    }

    /** A document id that depends only on what is drawn. */
    private static long contentId(byte[] content) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(content)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Chart units as points for an SVG length: at most two decimals, no exponent. */
    private static String points(int units) {
        return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(PaperStyle.UNITS_PER_PT), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static void writePng(Chart<?, ?> chart, int dpi, OutputStream out) throws IOException {
        int width = pixels(chart.getWidth(), dpi);
        int height = pixels(chart.getHeight(), dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // fractional metrics: text is laid out as in the vector formats instead of snapped to whole points
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale((double) width / chart.getWidth(), (double) height / chart.getHeight());
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) throw new IllegalStateException("this JDK has no PNG image writer");
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            metadata.mergeTree(PNG_METADATA, resolution(dpi));
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The PNG pHYs chunk for {@code dpi}, in the PNG plugin's own metadata format: the standard
     * format's pixel size is misread by the JDK's PNG writer (it stores mm per pixel as pixels per mm).
     */
    private static IIOMetadataNode resolution(int dpi) {
        String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
        root.appendChild(phys);
        return root;
    }
}
