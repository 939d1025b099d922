package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hetsched.reports.reproduce.Target;
import org.hetsched.reports.reproduce.TargetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

    @Test
    void printsEveryShippedTargetAsATableAndAsJsonWithTheDocumentedKeys() throws Exception {
        List<Target> targets = TargetReader.read(TargetReader.BUILT_IN).targets();
        CliRun.Result table = CliRun.run("reproduce");
        assertEquals(0, table.exitCode(), table.err());
        for (Target t : targets) assertTrue(table.out().contains(t.id() + " "), t.id());
        assertTrue(table.out().contains("weighted targets: median |error|"), table.out());

        CliRun.Result json = CliRun.run("reproduce", "--format", "json", "--device", "sd8gen3");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("sd8gen3", root.get("device").asText());
        assertEquals(targets.size(), root.get("rows").size());
        for (JsonNode row : root.get("rows")) {
            for (String key : List.of("id", "what", "metric", "publishedLow", "publishedHigh", "predicted", "relativeError",
                    "logError", "inRange", "weight", "source", "note")) {
                assertTrue(row.has(key), key + " in " + row);
            }
        }
        for (String key : List.of("weightedTargets", "medianAbsoluteError", "maxAbsoluteError", "weightedSquaredLogError")) {
            assertTrue(root.get("summary").has(key), key);
        }
    }

    @Test
    void refusesABadTargetsFileWithOneLineNamingTheRow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n"
                + "a,llama-9b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,1,Table 5,\n");
        CliRun.assertUserError(CliRun.run("reproduce", "--targets", file.toString()), file + ":2:", "llama-9b");
    }

    @Test
    void refusesAnUnknownDeviceBeforePrintingAnything() {
        CliRun.assertUserError(CliRun.run("reproduce", "--device", "pixel9"), "pixel9");
    }

    @Test
    void printsCsvOneLinePerTarget(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n"
                + "a,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,32,64,64,default,prefillMs,100,1,Table 5,\n"
                + "b,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,32,64,64,default,tokensPerSecond,1000..,1,abstract,\n");
        CliRun.Result csv = CliRun.run("reproduce", "--targets", file.toString(), "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals("id,what,published,predicted,errorPercent,inRange,weight,source", lines.get(0));
        assertEquals(3, lines.size(), csv.out());
    }

    @Test
    void writesTheReportFolderWithEveryFileAndStillPrintsTheTable(@TempDir Path dir) throws Exception {
        List<Target> targets = TargetReader.read(TargetReader.BUILT_IN).targets();
        Path out = dir.resolve("reproduction");
        CliRun.Result r = CliRun.run("reproduce", "--out", out.toString(), "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(targets.size() + 1, r.out().lines().count(), "the CSV on stdout, as without --out");
        assertEquals(r.out().lines().toList(), Files.readAllLines(out.resolve("reproduction.csv")), "the same CSV in the folder");
        JsonNode json = new ObjectMapper().readTree(out.resolve("reproduction.json").toFile());
        assertEquals(targets.size(), json.get("rows").size());
        String html = Files.readString(out.resolve("index.html"));
        for (String figure : List.of("prefill-speed", "ablation", "bubble-rate", "predicted-vs-published")) {
            for (String ext : List.of("png", "svg", "pdf")) {
                Path file = out.resolve("charts/" + figure + "." + ext);
                assertTrue(Files.size(file) > 0, file.toString());
                assertTrue(html.contains("href=\"charts/" + figure + "." + ext + "\""), figure + "." + ext + " linked");
            }
            byte[] png = Files.readAllBytes(out.resolve("charts/" + figure + ".png"));
            assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void refusesAnOutThatIsAFileBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun.assertUserError(CliRun.run("reproduce", "--out", file.toString()), file.toString(), "not a directory");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void writesNothingWhenTheDeviceIsUnknown(@TempDir Path dir) {
        Path out = dir.resolve("r");
        CliRun.assertUserError(CliRun.run("reproduce", "--device", "pixel9", "--out", out.toString()), "pixel9");
        assertTrue(Files.notExists(out));
    }
}
