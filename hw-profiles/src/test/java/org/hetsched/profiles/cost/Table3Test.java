package org.hetsched.profiles.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.Op;
import org.hetsched.core.graph.OpKind;
import org.hetsched.core.graph.Placement;
import org.hetsched.core.graph.Task;
import org.hetsched.core.platform.CostBasis;
import org.hetsched.core.platform.Platform;
import org.hetsched.core.platform.ProcessorKind;
import org.hetsched.core.platform.TaskCost;
import org.hetsched.profiles.load.ProfileCatalog;
import org.junit.jupiter.api.Test;

/** The sd8gen3 profile reproduces all 24 numbers of llm.npu's Table 3 through the public CostModel. */
class Table3Test {
    /** Table 3's columns, in the order of table3.tsv. */
    private record Column(String processor, ProcessorKind kind, DType dtype) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("npu", ProcessorKind.NPU, DType.INT8),
            new Column("cpu", ProcessorKind.CPU, DType.INT8),
            new Column("gpu", ProcessorKind.GPU, DType.FP16),
            new Column("npu", ProcessorKind.NPU, DType.FP16));

    @Test
    void reproducesEveryPublishedLatencyExactly() throws IOException {
        ProfileCostModel model = new ProfileCostModel(ProfileCatalog.builtIn().get("sd8gen3"));
        Platform platform = model.platform();
        int checked = 0;
        for (String[] row : rows()) {
            int m = Integer.parseInt(row[0]);
            int k = Integer.parseInt(row[1]);
            int n = Integer.parseInt(row[2]);
            for (int c = 0; c < COLUMNS.size(); c++) {
                Column column = COLUMNS.get(c);
                // Exact decimal ms -> ns, independent of the loader's own conversion.
                long expectedNs = new BigDecimal(row[3 + c]).movePointRight(6).longValueExact();
                Task task = Tasks.of(Op.probe(OpKind.LINEAR, 1, m, k, n),
                        new Placement(column.kind(), column.dtype(), column.dtype()));
                TaskCost cost = model.cost(task, platform.byName(column.processor()));
                String what = m + "x" + k + "·" + k + "x" + n + " on " + column.processor() + " " + column.dtype();
                assertEquals(expectedNs, cost.durationNs(), what);
                assertEquals(CostBasis.MEASURED, cost.basis(), what);
                assertTrue(cost.analyticOps().isEmpty(), what);
                checked++;
            }
        }
        assertEquals(24, checked);
    }

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Table3Test.class.getResourceAsStream("table3.tsv"), StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}
