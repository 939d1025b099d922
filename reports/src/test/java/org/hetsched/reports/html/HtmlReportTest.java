package org.hetsched.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hetsched.core.Units;
import org.hetsched.core.graph.SubgraphRole;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileJson;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.sweep.Comparison;
import org.hetsched.reports.sweep.ComparisonResult;
import org.hetsched.reports.sweep.SimulationResult;
import org.hetsched.reports.sweep.SweepRow;
import org.hetsched.profiles.load.Workload;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.PolicyOptions;
import org.hetsched.scheduler.exact.Optimum;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final WorkloadRequest PREFILL =
            new WorkloadRequest("qwen1.5-1.8b", "sd8gen3-bottom-up", "llm.npu", null, 100, 32, null, false, false);

    private static ComparisonResult comparison;
    private static DeviceProfile profile;
    private static String chartSvg;

    @BeforeAll
    static void runOnce() throws IOException {
        comparison = Comparison.run(PREFILL, List.of("in-order", "ooe"), PolicyOptions.DEFAULTS);
        profile = ProfileCatalog.builtIn().get("sd8gen3-bottom-up");
        XYChart chart = new XYChartBuilder().width(400).height(300).title("latency").xAxisTitle("prompt")
                .yAxisTitle("ms").build();
        chart.addSeries("in-order", new double[] {256, 512, 1024}, new double[] {1, 2, 4});
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        chartSvg = svg.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFullReportIsWellFormedAndHasEverySection() throws Exception {
        String html = full().html();
        // kept for a look in a browser
        Files.createDirectories(Path.of("target", "html"));
        Files.writeString(Path.of("target", "html", "report.html"), html, StandardCharsets.UTF_8);
        Document doc = parse(html);
        assertEquals("html", doc.getDocumentElement().getTagName());
        List<String> sections = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("section");
        for (int i = 0; i < nodes.getLength(); i++) sections.add(((Element) nodes.item(i)).getAttribute("id"));
        assertEquals(List.of("configuration", "comparison", "sweep", "figures", "provenance"), sections);
        assertEquals("hetsched report <1>", text(doc, "title").get(0));
    }

    @Test
    void theComparisonTableHoldsEveryPolicysNumbers() throws Exception {
        Document doc = parse(full().html());
        Element table = section(doc, "comparison");
        List<String> cells = text(table, "td");
        List<String> policies = text(table, "th");
        for (SimulationResult run : comparison.runs()) {
            assertTrue(policies.contains(run.metrics().policy()), policies.toString());
            assertTrue(cells.contains(String.format(Locale.ROOT, "%.3f", Units.nsToMs(run.metrics().makespanNs()))));
            assertTrue(cells.contains(String.format(Locale.ROOT, "%.1f", run.metrics().tokensPerSecond())));
            for (ProcessorUsage u : run.metrics().processors()) {
                assertTrue(cells.contains(String.format(Locale.ROOT, "%.1f%%", 100 * u.utilization())), cells.toString());
            }
        }
        List<String> config = text(section(doc, "configuration"), "td");
        assertTrue(config.contains("qwen1.5-1.8b"), config.toString());
        assertTrue(config.contains("100 tokens in 4 chunks of 32 (28 padding rows)"), config.toString());
        assertTrue(config.contains("in-order, ooe (speedups relative to the first)"), config.toString());
    }

    @Test
    void theSweepTableHoldsEveryRow() throws Exception {
        Document doc = parse(full().html());
        List<String> cells = text(section(doc, "sweep"), "td");
        assertTrue(cells.contains("gemma-2b"));
        assertTrue(cells.contains("812.346")); // makespan 812345678 ns
        assertTrue(cells.contains("npu 80.0%, cpu 25.0%"), cells.toString());
        assertTrue(cells.contains("2048"));
    }

    @Test
    void theProvenanceTableListsEverySourceOfTheProfile() throws Exception {
        Document doc = parse(full().html());
        Element provenance = section(doc, "provenance");
        List<String> ids = text(provenance, "th");
        List<String> texts = text(provenance, "td");
        assertFalse(profile.sources().isEmpty());
        for (Map.Entry<String, String> source : profile.sources().entrySet()) {
            assertTrue(ids.contains(source.getKey()), "source id " + source.getKey());
            assertTrue(texts.contains(source.getValue()), "source text of " + source.getKey());
        }
        assertEquals(List.of(profile.name()), text(provenance, "h3"));
    }

    @Test
    void figuresAreInlineSvgWithTheirCaptions() throws Exception {
        String html = full().html();
        assertFalse(html.contains("<?xml"), "the XML declaration of the SVG must not be inside the page");
        Document doc = parse(html);
        Element figures = section(doc, "figures");
        assertEquals(2, figures.getElementsByTagName("svg").getLength());
        assertEquals(List.of("Latency by prompt length, one line per policy", "A & B"), text(figures, "figcaption"));
    }

    @Test
    void namesFromFilesAreEscapedEverywhere() throws Exception {
        Workload w = comparison.workload();
        Workload hostile = new Workload(w.request(), SCRIPT, "dev<ice", w.plan(), w.shadowLayers(), w.costModel(), w.costs(),
                w.effects(), w.prefill(), w.profile());
        ComparisonResult c = new ComparisonResult(hostile, comparison.runs(), comparison.bound(), comparison.optimum());
        String html = HtmlReport.builder(SCRIPT).comparison(c)
                .sweep(List.of(row(SCRIPT, 1)))
                .provenance("x\"><script>", Map.of("<b>id</b>", SCRIPT))
                .figure(new Figure(SCRIPT, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))
                .build().html();
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
        assertFalse(html.contains("<b>"));
        Document doc = parse(html);
        assertEquals(SCRIPT, text(doc, "h1").get(0));
        assertTrue(text(section(doc, "configuration"), "td").contains(SCRIPT));
        assertTrue(text(section(doc, "sweep"), "td").contains(SCRIPT));
        assertTrue(text(section(doc, "provenance"), "td").contains(SCRIPT));
        assertEquals(List.of(SCRIPT), text(section(doc, "figures"), "figcaption"));
    }

    @Test
    void thePageLoadsNothingAndForbidsScripts() {
        String html = full().html();
        for (String external : List.of("<link", "<script", "<img", " src=", "@import")) {
            assertFalse(html.contains(external), external);
        }
        // url(#clip…) points inside the page (XChart's clip paths); anything else would load
        assertFalse(Pattern.compile("url\\((?!#)").matcher(html).find(), "a url() that is not a fragment");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    @Test
    void anEmptyReportHasOnlyItsTitle() throws Exception {
        Document doc = parse(HtmlReport.builder("nothing").build().html());
        assertEquals(0, doc.getElementsByTagName("section").getLength());
        assertEquals(List.of("nothing"), text(doc, "h1"));
    }

    @Test
    void writesUtf8AndLeavesTheStreamOpen() throws IOException {
        HtmlReport report = HtmlReport.builder("µs ×").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.write(out);
        out.write('x'); // still open
        assertEquals(report.html() + "x", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFigureDropsTheXmlPrologAndRejectsWhatCouldRunCode() {
        Figure f = new Figure("c", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- made by a test -->\n<svg><g/></svg>\n");
        assertEquals("<svg><g/></svg>", f.svg());
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<svg><script>x()</script></svg>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<svg><rect onclick=\"x()\"/></svg>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<svg><a href=\"javascript:x()\"/></svg>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<svg><foreignObject/></svg>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<p>not svg</p>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("c", "<svg/><script/>"));
        assertThrows(IllegalArgumentException.class, () -> new Figure(null, "<svg/>"));
    }

    @Test
    void escapeReplacesMarkupAndCharactersXmlForbids() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
        assertEquals("a\uFFFDb\tc\n", Html.escape("a\u0001b\tc\n"));
        assertEquals("\uD83D\uDE00 \uFFFD", Html.escape("\uD83D\uDE00 \uD83D"));
        assertEquals("", Html.escape(null));
    }


    @Test
    void aContendedRunSaysContentionIsOnAndCallsNoSolverValueItsOptimum(@TempDir Path dir) throws Exception {
        ObjectNode root = ProfileJson.of(profile);
        ProfileJson.putSource(root, "test-contention", "Made up for a test.");
        ProfileJson.addContention(root, "cpu", "npu", null, null, 0.5, "test-contention");
        ProfileJson.addContention(root, "npu", "cpu", SubgraphRole.LINEAR, null, 0.25, "test-contention");
        Path device = dir.resolve("contended.json");
        Files.writeString(device, ProfileJson.toText(root));
        ComparisonResult contended = Comparison.run(new WorkloadRequest("qwen1.5-1.8b", device.toString(), "llm.npu", null, 32, 32, null,
                false, false), List.of("fifo"), PolicyOptions.DEFAULTS);
        // as the exact solver reports a proven optimum of uncontended durations
        Optimum solver = new Optimum(true, true, 1_000_000, 1_000_000, false, "CP-SAT prices durations without contention");
        ComparisonResult c = new ComparisonResult(contended.workload(), contended.runs(), contended.bound(), solver);
        Document doc = parse(HtmlReport.builder("contended").comparison(c).build().html());
        List<String> config = text(section(doc, "configuration"), "td");
        assertTrue(config.contains("on: the profile's 2 slowdown entries lengthen tasks that run beside others"), config.toString());
        String comparisonText = section(doc, "comparison").getTextContent();
        assertTrue(comparisonText.contains("optimum not known for this simulation (CP-SAT prices durations without contention)"),
                comparisonText);
        assertFalse(comparisonText.contains("1.000 ms (proven)"), comparisonText);
        ComparisonResult off = Comparison.run(contended.workload().request().withContention(false), List.of("fifo"), PolicyOptions.DEFAULTS);
        assertTrue(text(section(parse(HtmlReport.builder("off").comparison(off).build().html()), "configuration"), "td")
                .contains("left out (the profile has 2 slowdown entries)"));
        assertFalse(text(section(parse(full().html()), "configuration"), "th").contains("contention"), "no row for a profile without entries");
    }

    @Test
    void aSweepOfManyPointsListsOnlyTheFirstOnTheReportPage() throws Exception {
        List<SweepRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < HtmlReport.MAX_SWEEP_ROWS + 5; i++) rows.add(row("qwen1.5-1.8b", 64 + i));
        Element sweep = section(parse(HtmlReport.builder("big").sweep(rows).build().html()), "sweep");
        assertEquals(HtmlReport.MAX_SWEEP_ROWS + 1, sweep.getElementsByTagName("tr").getLength(), "header and the first rows");
        assertTrue(text(sweep, "p").get(0).startsWith((HtmlReport.MAX_SWEEP_ROWS + 5) + " points. The first " + HtmlReport.MAX_SWEEP_ROWS
                + " are listed"), text(sweep, "p").toString());
    }

    private static HtmlReport full() {
        Map<String, String> sources = new LinkedHashMap<>(profile.sources());
        return HtmlReport.builder("hetsched report <1>")
                .comparison(comparison)
                .sweep(List.of(row("gemma-2b", 2048), row("qwen1.5-1.8b", 512)))
                .figure(new Figure("Latency by prompt length, one line per policy", chartSvg))
                .figure(new Figure("A & B", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                        + "<rect width=\"10\" height=\"10\"/></svg>"))
                .provenance(profile.name(), sources)
                .build();
    }

    private static SweepRow row(String model, int prompt) {
        return new SweepRow(model, "sd8gen3-bottom-up", "llm.npu", "in-order", prompt, 256, 42, 812_345_678, 1260.4, 0, 400,
                0.2, 700_000_000, List.of("npu", "cpu"), List.of(0.8, 0.25));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element section(Document doc, String id) {
        NodeList sections = doc.getElementsByTagName("section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element s = (Element) sections.item(i);
            if (s.getAttribute("id").equals(id)) return s;
        }
        throw new AssertionError("no section " + id);
    }

    private static List<String> text(Document doc, String tag) {
        return text(doc.getDocumentElement(), tag);
    }

    private static List<String> text(Element root, String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    @Test
    void aTableHasItsOwnSectionWithEscapedCellsAndNumericColumnsAligned() throws Exception {
        HtmlReport.Table table = new HtmlReport.Table("reproduction", "Published and predicted", "an <intro>",
                List.of("id", "value"), List.of(List.of(SCRIPT, "1.5"), List.of("b", "2")), Set.of(1));
        String html = HtmlReport.builder("t").table(table).figure(new Figure("f", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                List.of("charts/f.png", "charts/f.svg"))).build().html();
        assertFalse(html.contains(SCRIPT), "cells are escaped");
        Document doc = parse(html);
        Element section = section(doc, "reproduction");
        assertEquals(List.of("Published and predicted"), text(section, "h2"));
        assertEquals(List.of("an <intro>"), text(section, "p"));
        assertEquals(List.of(SCRIPT, "1.5", "b", "2"), text(section, "td"));
        NodeList cells = section.getElementsByTagName("td");
        assertEquals("num", ((Element) cells.item(1)).getAttribute("class"));
        assertEquals("", ((Element) cells.item(0)).getAttribute("class"));
        NodeList links = section(doc, "figures").getElementsByTagName("a");
        assertEquals(2, links.getLength());
        assertEquals("charts/f.png", ((Element) links.item(0)).getAttribute("href"));
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport.Table("bad id", "h", "", List.of("a"), List.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport.Table("t", "h", "", List.of("a"), List.of(List.of("1", "2")),
                Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new Figure("f", "<svg/>", List.of("/etc/passwd")));
        assertThrows(IllegalArgumentException.class, () -> new Figure("f", "<svg/>", List.of("../x.png")));
    }
}
