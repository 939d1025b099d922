package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hetsched.profiles.format.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFitCommandTest {
    private static final String HEADER = "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n";
    private static final String SYNC = "sync[cpu->npu].latencyUs,sync[npu->cpu].latencyUs=10..2000";
    private static final String NPU_MACS = "analytic[npu/INT8].matmul.macsPerSecond=1e12..1e13";

    @TempDir
    Path dir;

    private Path targets(String rows) throws Exception {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, HEADER + rows);
        return file;
    }

    /** Three measured prefills of a small configuration (values of a phone's log, not of the simulator). */
    private Path smallTargets() throws Exception {
        return targets("""
                a,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,default,prefillMs,60,1,log,
                b,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,in-order,32,96,96,default,prefillMs,95,1,log,
                c,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,none,prefillMs,45,1,log,
                """);
    }

    @Test
    void fitsASmallTargetsFileAndWritesAProfileThatReadsBackWithItsProvenance() throws Exception {
        Path out = dir.resolve("fitted.json");
        Path targets = smallTargets();
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", targets.toString(), "--free", NPU_MACS, "--free", SYNC,
                "--out", out.toString(), "--name", "my-phone", "--max-evaluations", "600", "--restarts", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("leave-one-out: median |error|"), r.out());
        assertTrue(r.out().contains("analytic[npu/INT8].matmul.macsPerSecond"), r.out());
        assertEquals("my-phone", ProfileReader.read(out).name());
        JsonNode root = new ObjectMapper().readTree(Files.readString(out));
        String id = root.get("sync").get(0).get("latencyUs").get("source").asText();
        assertEquals("fitted-mine/sync[cpu->npu].latencyUs", id);
        String text = root.get("sources").get(id).asText();
        assertTrue(text.startsWith("Fitted. hetsched profile fit "), text);
        assertTrue(text.contains("to targets mine.csv (sha256 "), text);
        assertTrue(text.endsWith("base value 177.33 from derived-sync-cpu-npu"), text);
        assertEquals(root.get("sync").get(0).get("latencyUs").get("value"), root.get("sync").get(1).get("latencyUs").get("value"));

        CliRun.Result json = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", targets.toString(), "--free", NPU_MACS, "--free", SYNC,
                "--out", dir.resolve("again.json").toString(), "--max-evaluations", "600", "--restarts", "1", "--no-loo", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertTrue(doc.get("converged").asBoolean());
        assertEquals(2, doc.get("parameters").size());
        assertTrue(doc.get("summary").get("leaveOneOutMedianAbsoluteError").isNull());
        assertEquals(Files.readString(out).replaceAll("\"name\" : \"my-phone\"", "\"name\" : \"sd8gen3-bottom-up\"").replaceAll("on [0-9T:.Z-]+,", ""),
                Files.readString(dir.resolve("again.json")).replaceAll("on [0-9T:.Z-]+,", "").replace("LOO median |error| not computed",
                        looOf(Files.readString(out))), "the same seed fits the same values");
    }

    private static String looOf(String profile) {
        int i = profile.indexOf("LOO median |error| ");
        return profile.substring(i, profile.indexOf(";", i));
    }

    @Test
    void aFitOutOfBudgetWritesNothing() throws Exception {
        Path out = dir.resolve("fitted.json");
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", smallTargets().toString(), "--free", NPU_MACS, "--free", SYNC,
                "--out", out.toString(), "--max-evaluations", "6", "--restarts", "0");
        CliRun.assertUserError(r, "did not converge after", "best objective");
        assertFalse(Files.exists(out));
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().contains("fitted")).count());
    }

    private void refused(String targetsFile, String free, String... mentions) throws Exception {
        Path out = dir.resolve("fitted.json");
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", targetsFile, "--free", free, "--out", out.toString());
        CliRun.assertUserError(r, mentions);
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesAnUnknownModel() throws Exception {
        refused(targets("a,no-such-model,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,default,prefillMs,60,1,log,\n").toString(), NPU_MACS,
                "no-such-model");
    }

    @Test
    void refusesAnImpossiblePrompt() throws Exception {
        refused(targets("a,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,900000,900000,default,prefillMs,60,1,log,\n").toString(), NPU_MACS,
                "900000");
        refused(targets("a,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,0,0,default,prefillMs,60,1,log,\n").toString(), NPU_MACS, "mine.csv");
    }

    @Test
    void refusesAPathTheProfileDoesNotHaveWithCloseMatches() throws Exception {
        refused(smallTargets().toString(), "sync[cpu->npu].latencyMs=10..2000", "has no 'sync[cpu->npu].latencyMs'",
                "close matches: sync[cpu->npu].latencyUs");
    }

    @Test
    void refusesAPathThatIsNotASourcedNumber() throws Exception {
        refused(smallTargets().toString(), "processors[npu].kind=1..2", "'processors[npu].kind'", "is not a sourced number");
    }

    @Test
    void refusesBoundsThatExcludeTheBaseValue() throws Exception {
        refused(smallTargets().toString(), "sync[cpu->npu].latencyUs=1..100", "exclude the base value 177.33");
    }

    @Test
    void refusesLowNotBelowHigh() throws Exception {
        refused(smallTargets().toString(), "sync[cpu->npu].latencyUs=300..200", "LO must be < HI");
    }

    @Test
    void refusesABoundNotAboveZero() throws Exception {
        refused(smallTargets().toString(), "sync[cpu->npu].latencyUs=0..200", "bounds must be > 0");
    }

    @Test
    void refusesFewerWeightedTargetsThanFreeParameters() throws Exception {
        Path t = targets("a,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,default,prefillMs,60,1,log,\n");
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", t.toString(), "--free", NPU_MACS, "--free", SYNC,
                "--out", dir.resolve("x.json").toString());
        CliRun.assertUserError(r, "1 weighted targets, fewer than the 2 free parameters");
    }

    @Test
    void refusesADuplicatePath() throws Exception {
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", smallTargets().toString(), "--free", SYNC,
                "--free", "sync[cpu->npu].latencyUs=10..2000", "--out", dir.resolve("x.json").toString());
        CliRun.assertUserError(r, "'sync[cpu->npu].latencyUs' is given more than once");
    }

    @Test
    void reportsEveryProblemTogetherOneLineEach() throws Exception {
        Path spec = dir.resolve("free.txt");
        Files.writeString(spec, "# two bad specs\nsync[cpu->npu].latencyUs=1..100\n\nnope.x=1..2\n");
        CliRun.Result r = CliRun.run("profile", "fit", "--device", "sd8gen3-bottom-up", "--targets", smallTargets().toString(), "--free-file", spec.toString(),
                "--out", dir.resolve("x.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(2, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("exclude the base value"), r.err());
        assertTrue(r.err().contains("has no 'nope.x'"), r.err());
    }
}
