package org.hetsched.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hetsched.core.engine.Engine;
import org.hetsched.core.fixtures.LowestIdPolicy;
import org.hetsched.core.fixtures.SimpleCostModel;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.fixtures.TestPlatforms;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.PrefillCheck;
import org.hetsched.core.trace.SimulatedAndMeasured;
import org.hetsched.core.trace.Trace;
import org.junit.jupiter.api.Test;

class ValidationTableTest {
    private static final Trace SIMULATED = new Engine(CostTable.build(
            PrefillGraphBuilder.build(new PrefillConfig(TestModels.tiny(2), TestPlans.llmNpu(), 32, 16, Set.of())),
            TestPlatforms.phone(), new SimpleCostModel(1_000))).run(new LowestIdPolicy());

    /** The simulated trace with every time scaled by {@code factor}: a stand-in for a measured replay. */
    private static Trace scaled(double factor) {
        int n = SIMULATED.graph().size();
        int[] processor = new int[n];
        long[] start = new long[n];
        long[] end = new long[n];
        for (int t = 0; t < n; t++) {
            processor[t] = SIMULATED.processorOf(t);
            start[t] = Math.round(SIMULATED.startNs(t) * factor);
            end[t] = Math.round(SIMULATED.endNs(t) * factor);
        }
        return new Trace(SIMULATED.costs(), SIMULATED.policy(), processor, start, end);
    }

    private static final PrefillCheck CHECK = new PrefillCheck(new PrefillCheck.Comparison("quantised", 32, 0, 0, 1e-4),
            new PrefillCheck.Comparison("float32", 32, 0.05, 0.03, 0.2));

    private static ValidationReport report() {
        return report(List.of());
    }

    private static ValidationReport report(List<String> forcedMismatches) {
        return ValidationReport.of("lowest-id", new SimulatedAndMeasured("tiny", SIMULATED, List.of(scaled(1.25), scaled(0.8))), CHECK,
                forcedMismatches);
    }

    @Test
    void comparisonKeepsItsTraces() {
        ValidationReport r = report();
        assertEquals("tiny", r.traces().model());
        assertEquals(2, r.traces().measured().size());
        assertEquals(SIMULATED.makespanNs(), r.traces().simulated().makespanNs());
        assertEquals(List.of(r.traces().measured().get(0).makespanNs(), r.traces().measured().get(1).makespanNs()),
                r.measuredMakespansNs());
        // sim = real / 1.25 and real / 0.8: 20% and 25% of the real makespan
        assertEquals(25.0, r.worstAbsErrorPct(), 0.01);
        assertEquals(22.5, r.medianAbsErrorPct(), 0.01);
    }

    @Test
    void csvHasTheJsonsColumnsAndOneRowPerPolicy() throws Exception {
        List<ValidationReport> reports = List.of(report());
        String[] lines = ValidationTable.csv(reports).split("\r\n");
        assertEquals(2, lines.length);
        JsonNode json = new ObjectMapper().readTree(ValidationTable.json(reports)).get(0);
        List<String> header = List.of(lines[0].split(","));
        assertEquals(fieldNames(json), header);
        String[] cells = lines[1].split(",", -1);
        assertEquals(header.size(), cells.length);
        assertEquals("lowest-id", cells[0]);
        assertEquals(json.get("simulatedMakespanMs").asDouble(), Double.parseDouble(cells[1]), 1e-12);
        String[] runs = cells[header.indexOf("measuredMakespansMs")].split(";");
        assertEquals(2, runs.length);
        assertEquals(json.get("measuredMakespansMs").get(1).asDouble(), Double.parseDouble(runs[1]), 1e-12);
        assertTrue(ValidationTable.text(reports, "footer").endsWith("footer" + System.lineSeparator()));
        assertEquals("false", cells[header.indexOf("forced")]);
        assertEquals("", cells[header.indexOf("profileMismatches")]);
        assertFalse(json.get("forced").asBoolean());
    }

    @Test
    void aForcedRunSaysSoInEveryOutput() throws Exception {
        List<String> why = List.of("profile p.json (sd8gen3) does not say what it was measured on", "measured for model a, not b");
        List<ValidationReport> reports = List.of(report(why));
        JsonNode json = new ObjectMapper().readTree(ValidationTable.json(reports)).get(0);
        assertTrue(json.get("forced").asBoolean());
        assertEquals(why.get(1), json.get("profileMismatches").get(1).asText());
        String[] lines = ValidationTable.csv(reports).split("\r\n");
        assertTrue(lines[1].contains(",true,\"" + why.get(0) + "; " + why.get(1) + "\","), lines[1]);
        String text = ValidationTable.text(reports, "footer");
        assertTrue(text.contains("FORCED, so these errors are not the simulator's: " + why.get(0)), text);
        assertTrue(text.contains("FORCED, so these errors are not the simulator's: " + why.get(1)), text);
    }

    @Test
    void everyRowHasTheIntervalsTheNoiseFloorTheRankingAndTheSpeedupErrors() throws Exception {
        ValidationReport slow = ValidationReport.of("slow", new SimulatedAndMeasured("tiny", SIMULATED,
                List.of(scaled(2.0), scaled(2.02), scaled(1.98))), CHECK, List.of());
        ValidationReport fast = ValidationReport.of("fast", new SimulatedAndMeasured("tiny", SIMULATED,
                List.of(scaled(1.0), scaled(1.01), scaled(0.99))), CHECK, List.of());
        List<ValidationReport> reports = List.of(slow, fast);
        JsonNode rows = new ObjectMapper().readTree(ValidationTable.json(reports));
        for (JsonNode o : rows) {
            for (String key : List.of("policy", "simulatedMakespanMs", "measuredMakespanMsMedian", "measuredMakespansMs", "medianAbsErrorPct",
                    "worstAbsErrorPct", "medianTaskAbsErrorPct", "medianTaskResidualUs", "forced", "profileMismatches",
                    "measuredMakespanMsMean", "measuredMakespanMsCi95Low", "measuredMakespanMsCi95High", "signedErrorPct",
                    "signedErrorPctCi95Low", "signedErrorPctCi95High", "noiseRelStdPct", "noiseDiffHalfWidthPct", "kendallTau",
                    "kendallTauPairs", "speedupErrors", "speedupErrorPpMedianAbs", "speedupErrorPpMaxAbs")) {
                assertTrue(o.has(key), key);
            }
            assertTrue(o.get("measuredMakespanMsCi95Low").asDouble() < o.get("measuredMakespanMsMean").asDouble());
            assertEquals(1, o.get("kendallTauPairs").asInt(), "the two policies differ far beyond their 1% noise");
            // both simulate the same schedule: a tie, so no tau
            assertTrue(o.get("kendallTau").isNull());
            assertEquals(1, o.get("kendallSimulatedTies").asInt());
            JsonNode pair = o.get("speedupErrors").get(0);
            assertEquals("slow", pair.get("a").asText());
            assertEquals(1.0, pair.get("simulatedSpeedup").asDouble(), 1e-12);
            assertEquals(0.5, pair.get("measuredSpeedup").asDouble(), 1e-3);
            assertEquals(50.0, pair.get("errorPp").asDouble(), 0.1);
        }
        assertEquals(-50.0, rows.get(0).get("signedErrorPct").asDouble(), 0.1);
        String text = ValidationTable.text(reports, "footer");
        assertTrue(text.contains("noise floor: pooled run-to-run relative SD"), text);
        assertTrue(text.contains("ranking: Kendall's tau-b n/a, 1 of 1 policy pairs whose measured means differ beyond noise"), text);
        assertTrue(text.contains("  slow over fast: simulated 1.0000x, measured 0.5000x ["), text);
    }

    @Test
    void oneRunHasNoIntervalsNullInJsonAndNotApplicableInTheTable() throws Exception {
        List<ValidationReport> reports = List.of(ValidationReport.of("one", new SimulatedAndMeasured("tiny", SIMULATED,
                List.of(scaled(1.25))), CHECK, List.of()));
        JsonNode o = new ObjectMapper().readTree(ValidationTable.json(reports)).get(0);
        for (String key : List.of("measuredMakespanMsCi95Low", "measuredMakespanMsCi95High", "signedErrorPctCi95Low",
                "signedErrorPctCi95High", "noiseRelStdPct", "noiseDiffHalfWidthPct", "kendallTau", "speedupErrorPpMedianAbs")) {
            assertTrue(o.get(key).isNull(), key);
        }
        assertEquals(-20.0, o.get("signedErrorPct").asDouble(), 0.01);
        String text = ValidationTable.text(reports, "footer");
        assertTrue(text.contains(" ± n/a") && text.contains("-20.00% [n/a]"), text);
        assertTrue(text.contains("noise floor: n/a"), text);
        assertTrue(text.contains("speedup errors: n/a"), text);
        String[] csv = ValidationTable.csv(reports).split("\r\n");
        List<String> header = List.of(csv[0].split(","));
        assertEquals("", csv[1].split(",", -1)[header.indexOf("kendallTau")]);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anInSituRefitReportsTheProfilesOwnPredictionBesideAndOnlyThen() throws Exception {
        ValidationReport plain = ValidationReport.of("p", new SimulatedAndMeasured("tiny", SIMULATED, List.of(scaled(1.0), scaled(1.0))),
                CHECK, List.of());
        ValidationReport refit = plain.withProfileSimulation(Math.round(SIMULATED.makespanNs() * 1.5));
        assertEquals(50.0, refit.profileSignedErrorPct(), 0.01);
        JsonNode without = new ObjectMapper().readTree(ValidationTable.json(List.of(plain))).get(0);
        for (String key : List.of("calibration", "profileSimulatedMakespanMs", "profileSignedErrorPct")) assertFalse(without.has(key), key);
        JsonNode with = new ObjectMapper().readTree(ValidationTable.json(List.of(refit))).get(0);
        assertEquals("in-situ", with.get("calibration").asText());
        assertEquals(SIMULATED.makespanNs() * 1.5 / 1e6, with.get("profileSimulatedMakespanMs").asDouble(), 1e-5);
        assertEquals(50.0, with.get("profileSignedErrorPct").asDouble(), 0.01);
        assertEquals(0.0, with.get("signedErrorPct").asDouble(), 0.01, "the refitted simulation is the one compared");
        assertTrue(ValidationTable.text(List.of(refit), "f").contains("the given profile simulated the same schedules as p "), "table");
        assertFalse(ValidationTable.text(List.of(plain), "f").contains("refitted"), "table");
    }
}
