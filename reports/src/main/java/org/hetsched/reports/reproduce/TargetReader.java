package org.hetsched.reports.reproduce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.format.IoFailure;
import org.hetsched.profiles.load.ModelResolver;
import org.hetsched.profiles.load.Workload;
import org.hetsched.reports.Csv;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/**
 * Reads a targets file (the format is in reports/README.md, "Targets files"): a CSV with a header
 * row naming {@link #COLUMNS} (in any order), lines starting with {@code #} as comments, one
 * measurement per row. Every row is checked before anything is simulated: each configuration is
 * resolved by {@link Workload#resolve} at its longest prompt, so an unknown model, device, plan or
 * policy, a prompt the model cannot hold and a processor the device does not have are all refused
 * here. Stateless.
 */
public final class TargetReader {

    /** The built-in targets: llm.npu's published end-to-end measurements (arXiv 2407.05858 v2). */
    public static final String BUILT_IN = "llm-npu-end-to-end";

    /** The columns of a targets file. */
    public static final List<String> COLUMNS = List.of("id", "model", "device", "plan", "policy", "chunk", "promptMin",
            "promptMax", "shadow", "metric", "value", "weight", "source", "note");

    /** The columns a ratio row leaves empty: it has no configuration of its own. */
    private static final List<String> CONFIGURATION = List.of("model", "device", "plan", "policy", "chunk", "promptMin",
            "promptMax", "shadow");

    private TargetReader() {
    }

    /**
     * Reads {@link #BUILT_IN} (by that name) or the targets file at {@code nameOrPath}.
     *
     * @throws UserInputException one line per bad row, each naming the file, the line and the field
     */
    public static TargetSet read(String nameOrPath) {
        if (nameOrPath.equals(BUILT_IN)) {
            try (InputStream in = TargetReader.class.getResourceAsStream(BUILT_IN + ".csv")) {
                if (in == null) throw new IllegalStateException("the built-in targets " + BUILT_IN + ".csv are missing from the jar");
                return parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in targets " + BUILT_IN, e);
            }
        }
        Path file = Path.of(nameOrPath);
        try {
            return parse(nameOrPath, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException("cannot read targets " + nameOrPath + " (a file, or '" + BUILT_IN + "'): "
                    + IoFailure.reason(e), e);
        }
    }

    /**
     * Reads the text of a targets file named {@code file} (for messages).
     *
     * @throws UserInputException one line per bad row, each naming the file, the line and the field
     */
    public static TargetSet parse(String file, String text) {
        List<Csv.Row> rows;
        try {
            rows = Csv.read(text, true);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": not CSV (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) throw new UserInputException(file + ": no header row (expected " + String.join(",", COLUMNS) + ")");
        Csv.Row header = rows.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) column.put(header.cells().get(i).strip(), i);
        List<String> missing = COLUMNS.stream().filter(c -> !column.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new UserInputException(file + ":" + header.line() + ": the header lacks column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (expected " + String.join(",", COLUMNS) + ")");
        }
        List<String> problems = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<Target, List<String>> rowProblems = new LinkedHashMap<>();
        ModelResolver models = new ModelResolver();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            RowReader r = new RowReader(row, column);
            Target target = r.target(models, lines);
            if (!r.problems.isEmpty()) {
                problems.add(file + ":" + row.line() + ": " + String.join("; ", r.problems));
            } else {
                targets.add(target);
                rowProblems.put(target, new ArrayList<>());
            }
        }
        // ratios refer to rows by id, so they are checked once every row is known
        Map<String, Target> byId = new HashMap<>();
        for (Target t : targets) byId.put(t.id(), t);
        for (Target t : targets) {
            if (t.metric().kind() != TargetMetric.Kind.RATIO) continue;
            for (String ref : List.of(t.metric().numerator(), t.metric().denominator())) {
                Target other = byId.get(ref);
                if (other == null && lines.containsKey(ref)) continue; // that row's own problem is reported
                if (other == null) {
                    rowProblems.get(t).add("field 'metric': ratio refers to row '" + ref + "', which is not in the file");
                } else if (other.metric().kind() == TargetMetric.Kind.RATIO) {
                    rowProblems.get(t).add("field 'metric': ratio refers to row '" + ref + "', itself a ratio (refer to rows that simulate)");
                }
            }
        }
        for (Map.Entry<Target, List<String>> e : rowProblems.entrySet()) {
            if (!e.getValue().isEmpty()) problems.add(file + ":" + e.getKey().line() + ": " + String.join("; ", e.getValue()));
        }
        if (targets.isEmpty() && problems.isEmpty()) problems.add(file + ": no targets");
        if (!problems.isEmpty()) throw new UserInputException(String.join(System.lineSeparator(), problems));
        return new TargetSet(file, targets);
    }

    /** The checks of one row; single-threaded. */
    private static final class RowReader {
        private final Csv.Row row;
        private final Map<String, Integer> column;
        private final List<String> problems = new ArrayList<>();

        RowReader(Csv.Row row, Map<String, Integer> column) {
            this.row = row;
            this.column = column;
        }

        String cell(String name) {
            int i = column.get(name);
            return i < row.cells().size() ? row.cells().get(i).strip() : "";
        }

        void problem(String field, String message) {
            problems.add("field '" + field + "': " + message);
        }

        Target target(ModelResolver models, Map<String, Integer> lines) {
            String id = cell("id");
            if (id.isEmpty()) {
                problem("id", "is empty (every row needs a unique id)");
            } else if (lines.containsKey(id)) {
                problem("id", "'" + id + "' is already the id of line " + lines.get(id));
            } else {
                lines.put(id, row.line());
            }
            TargetMetric metric = null;
            try {
                metric = TargetMetric.parse(cell("metric"));
            } catch (IllegalArgumentException e) {
                problem("metric", e.getMessage());
            }
            double weight = 0;
            try {
                weight = Double.parseDouble(cell("weight"));
                if (!(weight >= 0) || Double.isInfinite(weight)) problem("weight", "must be a number >= 0, got '" + cell("weight") + "'");
            } catch (NumberFormatException e) {
                problem("weight", "must be a number >= 0, got '" + cell("weight") + "'");
            }
            PublishedValue value = null;
            if (cell("value").isEmpty()) {
                if (weight != 0) problem("value", "is empty, so the row is only predicted and its weight must be 0, got " + cell("weight"));
            } else {
                try {
                    value = PublishedValue.parse(cell("value"));
                } catch (IllegalArgumentException e) {
                    problem("value", e.getMessage());
                }
            }
            if (cell("source").isEmpty()) problem("source", "is empty (say where the number was published or measured)");
            if (metric == null) return null;
            if (metric.kind() == TargetMetric.Kind.RATIO) {
                for (String c : CONFIGURATION) {
                    if (!cell(c).isEmpty()) problem(c, "must be empty in a ratio row (it divides two other rows), got '" + cell(c) + "'");
                }
                if (id.equals(metric.numerator()) || id.equals(metric.denominator())) problem("metric", "a ratio cannot refer to its own row");
                return new Target(id, row.line(), null, null, null, null, 0, 0, 0, Shadow.DEFAULT, metric, value, weight,
                        cell("source"), cell("note"));
            }
            return configured(id, metric, value, weight, models);
        }

        private Target configured(String id, TargetMetric metric, PublishedValue value, double weight, ModelResolver models) {
            for (String c : List.of("model", "device", "plan", "policy")) {
                if (cell(c).isEmpty()) problem(c, "is empty");
            }
            String policy = cell("policy");
            if (!policy.isEmpty() && !PolicyCatalog.names().contains(policy)) {
                problem("policy", "unknown policy '" + policy + "' (known: " + String.join(", ", PolicyCatalog.names()) + ")");
            }
            int chunk = positive("chunk");
            int min = positive("promptMin");
            int max = positive("promptMax");
            if (min > 0 && max > 0 && min > max) problem("promptMax", max + " is below promptMin " + min);
            Shadow shadow = null;
            try {
                shadow = Shadow.parse(cell("shadow"));
            } catch (IllegalArgumentException e) {
                problem("shadow", e.getMessage());
            }
            ModelSpec model = null;
            if (!cell("model").isEmpty()) {
                try {
                    model = models.resolve(cell("model"));
                } catch (UserInputException e) {
                    problem("model", e.getMessage());
                }
            }
            if (!problems.isEmpty() || model == null || shadow == null) return null;
            Target target = new Target(id, row.line(), cell("model"), cell("device"), cell("plan"), policy, chunk, min, max, shadow,
                    metric, value, weight, cell("source"), cell("note"));
            try {
                // the one resolver checks device, plan, context length and shadow layers; the longest prompt is the hardest
                Workload workload = Workload.resolve(target.request(max, null, shadow.layers(model.layers())));
                if (metric.kind() == TargetMetric.Kind.BUSY_MS && workload.costs().platform().byName(metric.processor()) == null) {
                    problem("metric", "device '" + cell("device") + "' has no processor '" + metric.processor() + "' (it has "
                            + String.join(", ", workload.costs().platform().processors().stream().map(p -> p.name()).toList()) + ")");
                }
            } catch (UserInputException e) {
                problem("model/device/plan/promptMax/shadow", e.getMessage());
            }
            return target;
        }

        private int positive(String field) {
            try {
                int v = Integer.parseInt(cell(field));
                if (v > 0) return v;
            } catch (NumberFormatException e) {
                // reported below with what is accepted
            }
            problem(field, "must be a whole number of tokens > 0, got '" + cell(field) + "'");
            return 0;
        }
    }
}
