package org.hetsched.backend.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.artefacts.qnn.QnnModelExport;
import org.hetsched.artefacts.qnn.QnnModelManifest;
import org.hetsched.artefacts.qnn.QnnProfileImport;
import org.hetsched.core.fixtures.TestModels;
import org.hetsched.core.fixtures.TestPlans;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.PrefillConfig;
import org.hetsched.core.graph.PrefillGraphBuilder;
import org.hetsched.core.graph.Task;
import org.hetsched.core.graph.TaskGraph;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.Processor;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.cost.ProfileCostModel;
import org.hetsched.profiles.format.DeviceProfile;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportedModelsOnHtpTest {
    @TempDir
    Path dir;

    private static QnnModelExport.Result exportTiny(List<Integer> chunks) {
        return QnnModelExport.run(new QnnModelExport.Request(TestModels.tiny(2), TestPlans.llmNpu(), chunks, 1), "0.1.0");
    }

    /**
     * The whole path on QNN's emulated HTP: export, run each model with detailed profiling into
     * {@code <name>.csv}, import the CSVs into sd8gen3; the imported points price the tiny model's NPU
     * tasks. Emulated times mean nothing for a phone; the arithmetic and the plumbing are real.
     */
    @Test
    void modelsRunOnTheHtpAndTheirProfilesImportIntoADeviceProfile() throws IOException {
        QnnRuntime runtime = QnnTestRuntime.get();
        QnnModelExport.Result export = exportTiny(List.of(16));
        try (OutputStream out = Files.newOutputStream(dir.resolve(QnnModelManifest.FILE_NAME))) {
            export.writeManifest(out);
        }
        List<Path> csvs = new ArrayList<>();
        for (QnnModelExport.Exported e : export.models()) {
            Path csv = dir.resolve(e.entry().name() + ".csv");
            try (QnnSession session = runtime.openSession(e.model(), csv)) {
                for (int i = 0; i < 4; i++) session.run();
            }
            csvs.add(csv);
        }
        QnnProfileImport.Result r = QnnProfileImport.run(new QnnProfileImport.Request(csvs, dir, "sd8gen3", null, 1, "sd8gen3-emulated", null),
                "0.1.0", Instant.parse("2026-11-22T00:00:00Z"));
        assertEquals(3, r.files().size());
        for (QnnProfileImport.FileSummary f : r.files()) {
            assertEquals(4, f.executions());
            assertEquals(3, f.used());
            assertTrue(f.acceleratorNs() > 0 && f.executeNs() >= f.acceleratorNs() * 0.5, f.toString());
            assertEquals(1, f.finalizeRows(), "one session per file");
        }
        assertTrue(r.graphPreparationNs().isPresent());
        DeviceProfile p = r.profile();
        assertEquals("sd8gen3-emulated", p.name());
        assertTrue(r.points().stream().anyMatch(x -> x.kind() == OpKind.LINEAR && x.dtype() == DType.INT8), r.points().toString());
        assertTrue(r.points().stream().anyMatch(x -> x.kind() == OpKind.NORM && x.dtype() == DType.FP16), r.points().toString());

        TaskGraph graph = PrefillGraphBuilder.build(PrefillConfig.withDefaultShadowLayers(TestModels.tiny(2), TestPlans.llmNpu(), 16, 16));
        Processor npu = p.platform().processor(p.processorId("npu"));
        ProfileCostModel imported = new ProfileCostModel(p);
        ProfileCostModel builtIn = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen3"));
        for (Task t : graph.tasks()) {
            if (t.subgraph().placementOn(npu.kind()) == null) continue;
            TaskCost before = builtIn.cost(t, npu);
            TaskCost after = imported.cost(t, npu);
            assertFalse(before.analyticOps().isEmpty());
            assertTrue(after.analyticOps().size() < before.analyticOps().size(), t.label() + ": " + after.analyticOps() + " vs " + before.analyticOps());
            assertTrue(after.analyticOps().stream().allMatch(o -> r.unmeasuredOps().stream().anyMatch(u -> u.contains(o.substring(0, o.indexOf('/'))))),
                    "only ops QNN gave no time of their own stay analytic: " + after.analyticOps() + ", unmeasured " + r.unmeasuredOps());
            if (after.analyticOps().isEmpty()) assertEquals(CostBasis.MEASURED, after.basis(), t.label());
        }
    }
}
