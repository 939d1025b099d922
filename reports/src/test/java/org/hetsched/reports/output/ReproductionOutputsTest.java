package org.hetsched.reports.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hetsched.reports.chart.ChartFormat;
import org.hetsched.reports.chart.Charts;
import org.hetsched.reports.chart.FigureChecks;
import org.hetsched.reports.chart.FigureSize;
import org.hetsched.reports.reproduce.ReproductionReport;
import org.hetsched.reports.reproduce.TargetReader;
import org.hetsched.reports.reproduce.TargetSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproductionOutputsTest {
    private static final Map<String, FigureSize> SIZES = Map.of(ReproductionOutputs.SPEED, ReproductionOutputs.SPEED_SIZE,
            ReproductionOutputs.ABLATION, ReproductionOutputs.ABLATION_SIZE, ReproductionOutputs.BUBBLES, ReproductionOutputs.BUBBLE_SIZE,
            ReproductionOutputs.PARITY, ReproductionOutputs.PARITY_SIZE);

    private static TargetSet builtIn;
    private static ReproductionReport report;

    @BeforeAll
    static void buildOnce() {
        builtIn = TargetReader.read(TargetReader.BUILT_IN);
        report = ReproductionReport.build(builtIn, "sd8gen3", 2);
    }

    @Test
    void theBuiltInTargetsGetEveryFileTheTableAndEveryFigure(@TempDir Path dir) throws Exception {
        ReproductionOutputs.of(report).writeTo(dir);
        List<String> csv = Files.readAllLines(dir.resolve("reproduction.csv"));
        assertEquals(builtIn.targets().size() + 1, csv.size(), "a header and a row per target");
        for (int i = 0; i < builtIn.targets().size(); i++) assertTrue(csv.get(i + 1).startsWith(builtIn.targets().get(i).id() + ","));
        assertTrue(Files.readString(dir.resolve("reproduction.json")).contains("\"weightedSquaredLogError\""));
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        for (String t : builtIn.targets().stream().map(t -> ">" + t.id() + "<").toList()) assertTrue(html.contains(t), t);
        for (Map.Entry<String, FigureSize> figure : SIZES.entrySet()) {
            for (ChartFormat format : ChartFormat.values()) {
                String file = format.fileName("charts/" + figure.getKey());
                assertTrue(Files.size(dir.resolve(file)) > 0, file);
                assertTrue(html.contains("href=\"" + file + "\""), "index.html links " + file);
            }
            BufferedImage png = ImageIO.read(dir.resolve("charts/" + figure.getKey() + ".png").toFile());
            assertEquals(figure.getValue().widthPx(Charts.PRINT_DPI), png.getWidth(), figure.getKey());
            assertEquals(figure.getValue().heightPx(Charts.PRINT_DPI), png.getHeight(), figure.getKey());
            assertTrue(inked(png), figure.getKey() + " draws something");
        }
        assertEquals(SIZES.size(), html.split("<figure>", -1).length - 1, "every figure inline");
    }

    @Test
    void everyFigureKeepsItsTextInsideAndItsSeriesApart() {
        List<NamedChart> charts = ReproductionOutputs.charts(report);
        assertEquals(List.of(ReproductionOutputs.SPEED, ReproductionOutputs.ABLATION, ReproductionOutputs.BUBBLES,
                ReproductionOutputs.PARITY), charts.stream().map(NamedChart::fileBase).toList());
        List<String> problems = new ArrayList<>();
        for (NamedChart c : charts) {
            FigureChecks.inkAtEdges(c.chart()).forEach(side -> problems.add(c.fileBase() + ": ink at " + side));
            FigureChecks.repeatedStyles(c.chart()).forEach(pair -> problems.add(c.fileBase() + ": " + pair));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSpeedFigureHasEveryTable5ModelAndItsPublishedPoints() {
        List<String> models = report.latencyTargets().stream().map(t -> t.model()).distinct().toList();
        assertEquals(List.of("qwen1.5-1.8b", "gemma-2b", "phi-2", "llama-2-7b", "mistral-7b"), models);
        assertEquals(10, report.latencyTargets().size(), "two workloads of Table 5 per model");
        assertEquals(models.size() * ReproductionReport.SPEED_PROMPTS.size(), report.speed().size(), "every prompt fits every model");
        for (ReproductionReport.PublishedSpeed p : report.publishedSpeeds()) {
            double mean = (p.target().promptMinTokens() + p.target().promptMaxTokens()) / 2.0;
            assertEquals(mean, p.promptTokens());
            assertEquals(mean / (p.target().published().low() / 1000), p.tokensPerSecond(), 1e-9);
        }
        assertEquals(List.of("f13-bubble-in-order", "f13-bubble-ooe"), report.bubbleRates().stream().map(p -> p.target().id()).toList());
    }

    @Test
    void figuresWithoutDataAreLeftOutAndThePageSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n"
                + "a,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,32,64,64,default,tokensPerSecond,1000,1,my phone,\n");
        ReproductionReport small = ReproductionReport.build(TargetReader.read(file.toString()), "sd8gen3", 1);
        assertEquals(List.of(ReproductionOutputs.ABLATION, ReproductionOutputs.PARITY),
                ReproductionOutputs.charts(small).stream().map(NamedChart::fileBase).toList());
        Path out = dir.resolve("out");
        ReproductionOutputs.of(small).writeTo(out);
        assertEquals(2, Files.readAllLines(out.resolve("reproduction.csv")).size());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains(ReproductionOutputs.SPEED + ", " + ReproductionOutputs.BUBBLES + " (the targets have nothing to draw"), html);
        assertTrue(Files.notExists(out.resolve("charts/" + ReproductionOutputs.SPEED + ".png")));
    }

    private static boolean inked(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) dark++;
            }
        }
        return dark > 100;
    }
}
