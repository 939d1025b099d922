package org.hetsched.reports.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.ProfileCatalog;
import org.hetsched.reports.reproduce.Reproduction;
import org.hetsched.reports.reproduce.TargetPrediction;
import org.hetsched.reports.reproduce.TargetReader;
import org.hetsched.reports.sweep.SweepProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFitTest {
    private static final String NPU_MACS = "analytic[npu/INT8].matmul.macsPerSecond";
    private static final String CPU_MACS = "analytic[cpu/FP32].matmul.macsPerSecond";
    /** Configurations of a small prefill; their values are filled in by simulating a known profile. */
    private static final String ROWS = """
            a,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,default,prefillMs
            b,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,in-order,32,96,96,default,prefillMs
            c,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,all,busyMs:npu
            d,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,ooe,32,64,64,all,busyMs:cpu
            e,qwen1.5-1.8b,sd8gen3-bottom-up,llm.npu,in-order,32,64,64,none,prefillMs
            """;
    private static final String HEADER = "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n";

    @TempDir
    Path dir;

    /** sd8gen3 with both MAC rates scaled, written to a file. */
    private Path truth(double npuFactor, double cpuFactor) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ProfileCatalog.builtIn().json("sd8gen3-bottom-up"));
        ProfilePaths paths = ProfilePaths.of(root);
        ObjectNode npu = (ObjectNode) paths.node(NPU_MACS);
        npu.put("value", npu.get("value").asDouble() * npuFactor);
        ObjectNode cpu = (ObjectNode) paths.node(CPU_MACS);
        cpu.put("value", cpu.get("value").asDouble() * cpuFactor);
        Path file = dir.resolve("truth.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(root));
        return file;
    }

    /** Targets whose values are what {@code device} predicts. */
    private Path simulatedTargets(Path device) throws Exception {
        StringBuilder withoutValues = new StringBuilder(HEADER);
        ROWS.lines().forEach(l -> withoutValues.append(l).append(",1,1,test,\n"));
        Reproduction truth = Reproduction.predict(TargetReader.parse("t.csv", withoutValues.toString()), device.toString());
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> lines = ROWS.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            TargetPrediction p = truth.predictions().get(i);
            csv.append(lines.get(i)).append(String.format(Locale.ROOT, ",%.9g,1,simulated,\n", p.predicted()));
        }
        Path file = dir.resolve("targets.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    private FitRequest request(Path targets, long seed, int threads, int maxEvaluations, boolean loo) {
        return request(targets, seed, threads, maxEvaluations, loo, 0);
    }

    private FitRequest request(Path targets, long seed, int threads, int maxEvaluations, boolean loo, int bootstrap) {
        return new FitRequest("sd8gen3-bottom-up", targets.toString(), List.of(NPU_MACS + "=1e12..2e13", CPU_MACS + "=1e10..1e12"), null,
                new ProfileFit.Settings(seed, maxEvaluations, 1, loo, bootstrap), threads);
    }

    @Test
    void recoversKnownMacRatesFromTargetsSimulatedWithThem() throws Exception {
        Path targets = simulatedTargets(truth(1.8, 0.6));
        FitRequest.Outcome outcome = request(targets, 42, 2, 1200, true).run(SweepProgress.NONE);
        ProfileFit.Result r = outcome.result();
        assertTrue(r.converged());
        double[] base = outcome.objective().baseValues();
        assertEquals(1.8 * base[0], r.fitted()[0], 0.03 * 1.8 * base[0]);
        assertEquals(0.6 * base[1], r.fitted()[1], 0.03 * 0.6 * base[1]);
        assertTrue(r.after().maxAbsoluteError().getAsDouble() < 0.01, FitReport.text(r));
        assertTrue(r.before().maxAbsoluteError().getAsDouble() > 0.1, FitReport.text(r));
        assertEquals(5, r.leaveOneOut().size());
        assertTrue(r.leaveOneOutMax() < 0.05, FitReport.text(r));
        assertFalse(r.uncertainty().contains("n/a"), r.uncertainty());
        for (ProfileFit.ParameterResult p : r.parameters()) {
            assertTrue(p.low() < p.fitted() && p.fitted() < p.high(), p.toString());
            assertEquals(null, p.pinned());
        }

        String text = FittedProfile.text(outcome.objective(), r, "fitted-sd8gen3", "test-version", Instant.parse("2026-01-02T03:04:05Z"));
        Path written = dir.resolve("fitted.json");
        Files.writeString(written, text);
        DeviceProfile profile = ProfileReader.read(written);
        assertEquals("fitted-sd8gen3", profile.name());
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(text);
        ObjectNode npu = (ObjectNode) ProfilePaths.of(root).node(NPU_MACS);
        assertEquals(r.fitted()[0], npu.get("value").asDouble());
        String source = root.get("sources").get(npu.get("source").asText()).asText();
        assertTrue(source.startsWith("Fitted. hetsched profile fit test-version on 2026-01-02T03:04:05Z, to targets targets.csv (sha256 "
                + FittedProfile.sha256(targets.toString()) + ")"), source);
        assertTrue(source.endsWith("from derived-npu-int8-fit"), source);
        assertTrue(source.contains(NPU_MACS + " in 1000000000000..20000000000000"), source);
    }

    @Test
    void theSameSeedGivesTheSameFitWhateverTheThreads() throws Exception {
        Path targets = simulatedTargets(truth(1.5, 1.2));
        ProfileFit.Result one = request(targets, 7, 1, 800, false).run(SweepProgress.NONE).result();
        ProfileFit.Result two = request(targets, 7, 2, 800, false).run(SweepProgress.NONE).result();
        assertArrayEquals(one.fitted(), two.fitted());
        assertEquals(one.objective(), two.objective());
        assertEquals(one.evaluations(), two.evaluations());
    }

    @Test
    void theBootstrapBracketsTheFitAndIsDeterministic() throws Exception {
        Path targets = simulatedTargets(truth(1.5, 1.2));
        ProfileFit.Result one = request(targets, 3, 2, 600, false, 6).run(SweepProgress.NONE).result();
        ProfileFit.Result two = request(targets, 3, 1, 600, false, 6).run(SweepProgress.NONE).result();
        assertTrue(one.uncertainty().startsWith("bootstrap over targets (6 refits"), one.uncertainty());
        for (int i = 0; i < 2; i++) {
            ProfileFit.ParameterResult p = one.parameters().get(i);
            assertTrue(p.low() <= p.high(), p.toString());
            assertTrue(p.low() < p.fitted() * 1.05 && p.high() > p.fitted() / 1.05, p.toString());
            assertEquals(p, two.parameters().get(i));
        }
    }

    @Test
    void aFitOutOfBudgetSaysItDidNotConverge() throws Exception {
        Path targets = simulatedTargets(truth(1.5, 1.2));
        UserInputException e = assertThrows(UserInputException.class, () -> request(targets, 42, 2, 8, false).run(SweepProgress.NONE));
        assertTrue(e.getMessage().startsWith("did not converge after "), e.getMessage());
        assertTrue(e.getMessage().contains("best objective"), e.getMessage());
    }

    @Test
    void pathsAddressEverySourcedNumberByKeys() throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(ProfileCatalog.builtIn().json("sd8gen3-bottom-up"));
        ProfilePaths paths = ProfilePaths.of(root);
        for (String p : List.of("processors[npu].dispatchOverheadUs", "analytic[npu/INT8].matmul.minRowsPerPass", CPU_MACS,
                "sync[cpu->npu].latencyUs", "graphPreparation[npu].perGraphMs")) {
            assertTrue(ProfilePaths.isSourcedNumber(paths.node(p)), p);
        }
        assertFalse(ProfilePaths.isSourcedNumber(paths.node("processors[npu].name")));
        assertEquals("sync[cpu->npu].latencyUs", paths.closeMatches("sync[cpu->npu].latencyMs", 1).get(0));
        // a field the code has never heard of is addressable too
        ((ObjectNode) root.get("processors").get(0)).putObject("futureFieldUs").put("value", 3).put("source", "x");
        assertNotNull(ProfilePaths.of(root).node("processors[npu].futureFieldUs"));
    }

    @Test
    void specsReadBoundsLinksAndPriors() {
        FreeParameter p = FreeParameter.parse("sync[cpu->npu].latencyUs,sync[npu->cpu].latencyUs=10..1000~100+-50", "--free");
        assertEquals(List.of("sync[cpu->npu].latencyUs", "sync[npu->cpu].latencyUs"), p.paths());
        assertEquals(10, p.low());
        assertEquals(1000, p.high());
        assertEquals(0, p.priorTerm(100));
        assertEquals(Math.pow(Math.log(2) / 0.5, 2), p.priorTerm(200), 1e-12);
        assertThrows(UserInputException.class, () -> FreeParameter.parse("x=0..10", "--free"));
        assertThrows(UserInputException.class, () -> FreeParameter.parse("x=10..10", "--free"));
        assertThrows(UserInputException.class, () -> FreeParameter.parse("x=1..a", "--free"));
    }
}
