package org.hetsched.backend.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hetsched.backend.catalog.BackendModels;
import org.hetsched.backend.replay.ReplayRequest;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.Metrics;
import org.hetsched.core.trace.ProcessorUsage;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.format.MeasuredOn;
import org.hetsched.profiles.format.ProfileReader;
import org.hetsched.profiles.load.WorkloadRequest;
import org.hetsched.scheduler.catalog.PolicyCatalog;
import org.junit.jupiter.api.Test;

class ValidationWorkloadsTest {
    /** A host profile measured with {@code hetsched profile --workload balanced} (its measuredOn and sources say where and when). */
    private static final String BALANCED_PROFILE = "host-balanced-profile.json";
    /** The spread between the best and the worst policy the balanced workload must show in simulation. */
    private static final double MIN_SPREAD = 1.20;
    private static final String HEADER = "name\tmodel\tplan\tprompt\tchunk\tprofile_chunks\tpolicies\tdescription\n";

    private static Path balancedProfile() throws URISyntaxException {
        return Path.of(ValidationWorkloadsTest.class.getResource(BALANCED_PROFILE).toURI());
    }

    /** Simulated makespan per policy of {@code workload} on {@code profile}, in ns. */
    private static Map<String, Long> makespans(ValidationWorkloads.Workload w, Path profile, List<String> policies) {
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(w.model(), profile.toString(), w.plan(), null, w.promptTokens(),
                w.chunkTokens(), null, false, false), policies.get(0), 42, 1L << 30);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String p : policies) out.put(p, Metrics.of(request.withPolicy(p).simulate(), 0).makespanNs());
        return out;
    }

    private static Map<String, ValidationWorkloads.Workload> parse(String text) throws IOException {
        return ValidationWorkloads.parse("w.tsv", new BufferedReader(new StringReader(text)));
    }

    private static void assertRefused(String text, String... mentions) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> parse(text));
        for (String m : mentions) assertTrue(e.getMessage().contains(m), "should mention '" + m + "': " + e.getMessage());
    }

    @Test
    void defaultIsTheCommandsBuiltInSettingsWithFivePolicies() {
        ValidationWorkloads.Workload d = ValidationWorkloads.get("default");
        assertEquals("qwen1.5-1.8b", d.model());
        assertEquals("llm.npu", d.plan());
        assertEquals(64, d.promptTokens());
        assertEquals(16, d.chunkTokens());
        assertEquals(List.of(16, 32), d.profileChunkTokens());
        assertEquals(List.of("in-order", "fifo", "ooe", "heft", "dmda"), d.policies());
        assertEquals(List.of("default", "balanced"), ValidationWorkloads.names().subList(0, 2));
    }

    @Test
    void balancedSpreadsTheShippedPoliciesByAtLeastTwentyPercentOnItsMeasuredProfile() throws URISyntaxException {
        ValidationWorkloads.Workload b = ValidationWorkloads.get("balanced");
        DeviceProfile profile = ProfileReader.read(balancedProfile());
        MeasuredOn on = profile.measuredOn();
        assertEquals("host", on.backend());
        assertEquals(b.model(), on.model());
        assertEquals(MeasuredOn.shapeOf(BackendModels.resolve(b.model())), on.modelShape(), "the fixture was measured for these shapes");
        assertEquals(b.plan(), on.plan());
        assertEquals(b.profileChunkTokens(), on.chunkTokens());

        // every shipped policy but optimal (its CP-SAT search is too slow for a unit test on 192 tasks)
        List<String> shipped = PolicyCatalog.names().stream().filter(p -> !p.equals("optimal")).toList();
        Map<String, Long> all = makespans(b, balancedProfile(), shipped);
        String best = all.entrySet().stream().min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey())).get().getKey();
        String worst = all.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey())).get().getKey();
        assertTrue(all.get(worst) >= MIN_SPREAD * all.get(best), "best " + best + ", worst " + worst + ": " + all);

        // the workload's own policies carry that spread: the best and the worst makespan are among them
        assertTrue(b.policies().size() >= 5, b.policies().toString());
        Map<String, Long> own = makespans(b, balancedProfile(), b.policies());
        assertEquals(all.get(best), own.values().stream().min(Comparator.naturalOrder()).get(), "best of all " + best + ": " + own);
        assertEquals(all.get(worst), own.values().stream().max(Comparator.naturalOrder()).get(), "worst of all " + worst + ": " + own);
    }

    @Test
    void balancedKeepsTheFloatLaneAboutAsBusyAsTheInt8Lane() throws URISyntaxException {
        ValidationWorkloads.Workload b = ValidationWorkloads.get("balanced");
        ReplayRequest request = ReplayRequest.of(new WorkloadRequest(b.model(), balancedProfile().toString(), b.plan(), null, b.promptTokens(),
                b.chunkTokens(), null, false, false), "dmda", 42, 1L << 30);
        // the plan fixes each task's lane, so the lanes' busy times are the same under every policy
        Map<String, Long> busy = new LinkedHashMap<>();
        for (ProcessorUsage u : Metrics.of(request.simulate(), 0).processors()) busy.put(u.processor(), u.busyNs());
        double ratio = (double) busy.get("cpu") / busy.get("npu");
        assertTrue(ratio > 0.75 && ratio < 1.33, "float/INT8 lane busy ratio " + ratio + ": " + busy);
    }

    @Test
    void unknownNameListsTheWorkloads() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> ValidationWorkloads.get("streaming"));
        assertEquals("unknown validation workload 'streaming'; known validation workloads: " + String.join(", ", ValidationWorkloads.names()),
                e.getMessage());
    }

    @Test
    void forCommandRefusesTheOptionsTheWorkloadSetsAndNoOthers() {
        Set<String> given = Set.of("--model", "--chunk", "--runs");
        UserInputException e = assertThrows(UserInputException.class,
                () -> ValidationWorkloads.forCommand("balanced", ValidationWorkloads.Command.VALIDATE, given::contains));
        assertEquals("--workload balanced sets --model, --chunk; give --workload or those options, not both", e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> ValidationWorkloads.forCommand("balanced", ValidationWorkloads.Command.PROFILE, given::contains));
        assertEquals("--workload balanced sets --model; give --workload or that option, not both", e.getMessage());
        assertEquals("balanced", ValidationWorkloads.forCommand("balanced", ValidationWorkloads.Command.PROFILE, Set.of("--chunk")::contains).name());
    }

    @Test
    void readsColumnsByHeaderNameInAnyOrder() throws IOException {
        Map<String, ValidationWorkloads.Workload> w = parse("# comment\n\n"
                + "description\tpolicies\tprofile_chunks\tchunk\tprompt\tplan\tmodel\tname\n"
                + "a tiny check\theft, dmda\t8,16\t8\t32\tcpu-only\thost-tiny\ttiny\n");
        ValidationWorkloads.Workload tiny = w.get("tiny");
        assertEquals(new ValidationWorkloads.Workload("tiny", "host-tiny", "cpu-only", 32, 8, List.of(8, 16), List.of("heft", "dmda"),
                "a tiny check"), tiny);
    }

    @Test
    void formatErrorsNameTheFileAndLine() {
        assertRefused("# only a comment\n", "w.tsv: no header line");
        assertRefused("name\tmodel\tplan\tprompt\tchunk\tprofile_chunks\tpolicies\tcolour\n", "w.tsv:1: unknown column 'colour'",
                "header lacks column(s) description");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t32\t8\n", "w.tsv:2: expected 8 tab-separated columns, found 5");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\tmany\t0\t8\theft\tx\n", "w.tsv:2: prompt must be an integer >= 1, got 'many'",
                "w.tsv:2: chunk must be an integer >= 1, got '0'");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t32\t16\t8\theft\tx\n", "w.tsv:2: chunk 16 is not one of profile_chunks [8]");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t32\t8\t8,8\theft,,dmda\tx\n", "w.tsv:2: profile_chunks repeat",
                "w.tsv:2: policies must be a comma-separated list without empty items");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t32\t8\t8\theft,fastest,heft\tx\n", "w.tsv:2: unknown policy 'fastest'",
                "w.tsv:2: policies repeat");
        assertRefused(HEADER + "a\thost-huge\tno-such-plan\t32\t8\t8\theft\t\n", "w.tsv:2: unknown model 'host-huge'",
                "w.tsv:2: unknown plan", "w.tsv:2: empty description");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t4096\t8\t8\theft\tx\n", "w.tsv:2: prompt 4096 exceeds the max context of host-tiny");
        assertRefused(HEADER + "a\thost-tiny\tllm.npu\t32\t8\t8\theft\tx\n# between\na\thost-tiny\tllm.npu\t32\t8\t8\tdmda\ty\n",
                "w.tsv:4: workload 'a' is defined twice");
    }
}
