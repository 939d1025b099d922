package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.hetsched.core.trace.Trace;
import org.hetsched.reports.OutputFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class ChartsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static Trace trace;

    @BeforeAll
    static void simulate() {
        trace = Fixtures.smallTrace();
    }

    private static XYChart lineChart(FigureSize size) {
        return ChunkSizeChart.of(Map.of("sd8gen3", List.of(new ChunkSizeChart.Point(32, 5.5),
                new ChunkSizeChart.Point(64, 2.8), new ChunkSizeChart.Point(128, 1.4), new ChunkSizeChart.Point(256, 0.9))),
                SweepMetric.MS_PER_TOKEN, size);
    }

    @Test
    void pngIsADecodableImageOfTheFiguresPixelSize() throws IOException {
        byte[] png = Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.PNG);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "ImageIO cannot decode the PNG");
        assertEquals(1050, image.getWidth());
        assertEquals(FigureSize.ONE_COLUMN.heightPx(Charts.PRINT_DPI), image.getHeight());
    }

    @Test
    void pngRecordsItsDpiSoItPrintsAtTheFiguresSize() throws IOException {
        byte[] png = Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.PNG);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node dimension = child(metadata.getAsTree("javax_imageio_1.0"), "Dimension");
            double mmPerPixel = Double.parseDouble(((Element) child(dimension, "HorizontalPixelSize")).getAttribute("value"));
            assertEquals(300, 25.4 / mmPerPixel, 0.5);
            reader.dispose();
        }
    }

    @Test
    void pngWidthFollowsTheDpi() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charts.write(lineChart(FigureSize.TWO_COLUMN), ChartFormat.PNG, 150, out);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(FigureSize.TWO_COLUMN.widthPx(150), image.getWidth());
        assertEquals(1074, image.getWidth(), 1); // 7.16 in at 150 dpi
    }

    @Test
    void svgIsXmlWithAnSvgRootSizedInPoints() throws Exception {
        byte[] svg = Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.SVG);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // the SVG names the W3C DTD; a test must not fetch it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("252pt", root.getAttribute("width"));
        assertEquals("180pt", root.getAttribute("height"));
        assertTrue(root.getElementsByTagName("path").getLength() > 10, "drawn content");
    }

    @Test
    void pdfIsOnePageOfTheFiguresSizeInPoints() throws IOException {
        byte[] pdf = Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.PDF);
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages());
            PDRectangle page = document.getPage(0).getMediaBox();
            assertEquals(252, page.getWidth(), 0.01);
            assertEquals(180, page.getHeight(), 0.01);
        }
    }

    @Test
    void sameChartGivesIdenticalBytesInEveryFormat() {
        for (ChartFormat format : ChartFormat.values()) {
            byte[] first = Charts.bytes(GanttChart.of(trace, FigureSize.TWO_COLUMN), format);
            byte[] second = Charts.bytes(GanttChart.of(trace, FigureSize.TWO_COLUMN), format);
            assertArrayEquals(first, second, format + " differs between two identical charts");
        }
        assertArrayEquals(Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.SVG),
                Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.SVG));
    }

    @Test
    void differentChartsGiveDifferentPdfIds() {
        String a = new String(Charts.bytes(lineChart(FigureSize.ONE_COLUMN), ChartFormat.PDF), StandardCharsets.ISO_8859_1);
        String b = new String(Charts.bytes(lineChart(FigureSize.TWO_COLUMN), ChartFormat.PDF), StandardCharsets.ISO_8859_1);
        assertFalse(id(a).isEmpty());
        assertFalse(id(a).equals(id(b)), "the document id comes from the content");
    }

    @Test
    void leavesTheCallersStreamOpen() throws IOException {
        for (ChartFormat format : ChartFormat.values()) {
            boolean[] closed = {false};
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            Charts.write(lineChart(FigureSize.ONE_COLUMN), format, out);
            assertFalse(closed[0], format + " closed the stream");
            assertTrue(out.size() > 100);
        }
    }

    @Test
    void writesThroughOutputFiles(@TempDir Path dir) throws IOException {
        new OutputFiles().add("chunk.svg", Charts.writer(lineChart(FigureSize.ONE_COLUMN), ChartFormat.SVG)).writeTo(dir);
        assertTrue(Files.readString(dir.resolve("chunk.svg")).contains("<svg"));
    }

    @Test
    void rejectsAbsurdDpi() {
        assertThrows(IllegalArgumentException.class,
                () -> Charts.write(lineChart(FigureSize.ONE_COLUMN), ChartFormat.PNG, 10, new ByteArrayOutputStream()));
    }

    private static String id(String pdf) {
        int at = pdf.indexOf("/ID");
        return at < 0 ? "" : pdf.substring(at, pdf.indexOf(']', at));
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) return n;
        }
        throw new AssertionError("no " + name + " under " + parent.getNodeName());
    }
}
