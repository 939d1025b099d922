package org.hetsched.backend.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hetsched.backend.catalog.BackendModels;
import org.hetsched.core.UnknownNameException;
import org.hetsched.core.UserInputException;
import org.hetsched.core.model.ModelSpec;
import org.hetsched.profiles.load.PlanCatalog;
import org.hetsched.scheduler.catalog.PolicyCatalog;

/**
 * The named validation workloads (data file {@code validation-workloads.tsv}): for each, the model,
 * plan, prompt and chunk that {@code hetsched validate} replays, the chunk sizes
 * {@code hetsched profile} measures for it, and the policies to validate. {@code default} is the
 * commands' built-in settings; the others are chosen so that something particular is tested (each
 * row's description says what).
 *
 * <p>Format: '#' comment lines, a header line naming the columns (in any order: {@value #COLUMNS_TEXT}),
 * then one tab-separated row per workload. A column is found by its header name, so a column can
 * be added without moving the others. {@code profile_chunks} and {@code policies} are
 * comma-separated. Each row's model must resolve ({@link BackendModels}), its plan be built in, its
 * policies be known, distinct and non-empty, its prompt fit the model's context, and its chunk be
 * one of its profile chunks (so the profile measured for the workload prices the shapes it
 * replays).
 *
 * <p>Stateless; the file is read on each call.
 */
public final class ValidationWorkloads {
    /** The bundled catalog, next to this class. */
    public static final String RESOURCE = "validation-workloads.tsv";
    private static final List<String> COLUMNS = List.of("name", "model", "plan", "prompt", "chunk", "profile_chunks", "policies", "description");
    private static final String COLUMNS_TEXT = "name, model, plan, prompt, chunk, profile_chunks, policies, description";

    private ValidationWorkloads() {
    }

    /**
     * One validation workload.
     *
     * @param name               the name {@code --workload} takes
     * @param model              model name ({@link BackendModels})
     * @param plan               built-in partition plan
     * @param promptTokens       prompt tokens validate replays, ≥ 1
     * @param chunkTokens        chunk tokens validate replays, one of {@code profileChunkTokens}
     * @param profileChunkTokens chunk sizes profile measures, distinct, each ≥ 1
     * @param policies           policies validate runs, in order, distinct, non-empty
     * @param description        what the workload tests
     */
    public record Workload(String name, String model, String plan, int promptTokens, int chunkTokens, List<Integer> profileChunkTokens,
                           List<String> policies, String description) {
        public Workload {
            profileChunkTokens = List.copyOf(profileChunkTokens);
            policies = List.copyOf(policies);
        }
    }

    /**
     * The command a workload configures, and the options of it the workload sets (which may then
     * not be given as well).
     */
    public enum Command {
        /** {@code hetsched profile}: model, plan, chunk sizes to measure. */
        PROFILE(List.of("--model", "--plan", "--chunks", "--prompt")),
        /** {@code hetsched validate}: model, plan, prompt, chunk, policies. */
        VALIDATE(List.of("--model", "--plan", "--prompt", "--chunk", "--policies"));

        private final List<String> options;

        Command(List<String> options) {
            this.options = options;
        }

        /** The command-line options a workload sets on this command, in order. */
        public List<String> options() {
            return options;
        }
    }

    /** Every workload, in file order. */
    public static List<Workload> all() {
        return List.copyOf(read().values());
    }

    /** Names in file order. */
    public static List<String> names() {
        return List.copyOf(read().keySet());
    }

    /**
     * The workload called {@code name}.
     *
     * @throws UnknownNameException listing the known workloads
     */
    public static Workload get(String name) {
        Map<String, Workload> workloads = read();
        Workload w = workloads.get(name);
        if (w == null) throw new UnknownNameException("validation workload", name, List.copyOf(workloads.keySet()));
        return w;
    }

    /**
     * The workload called {@code name} for {@code command}, refusing options it sets that were given
     * as well: {@code --workload} replaces them, and a silent winner between the two would validate
     * something other than what either says.
     *
     * @param given whether the user gave a command-line option (by its name, e.g. {@code --model})
     * @throws UnknownNameException listing the known workloads
     * @throws UserInputException   naming the options given beside {@code --workload}
     */
    public static Workload forCommand(String name, Command command, Predicate<String> given) {
        Workload w = get(name);
        List<String> both = command.options().stream().filter(given).toList();
        if (!both.isEmpty()) {
            throw new UserInputException("--workload " + name + " sets " + String.join(", ", both) + "; give --workload or "
                    + (both.size() == 1 ? "that option" : "those options") + ", not both");
        }
        return w;
    }

    private static Map<String, Workload> read() {
        try (InputStream in = ValidationWorkloads.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the jar");
            return parse(RESOURCE, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
        }
    }

    /**
     * Reads a catalog in this format.
     *
     * @param source the file name errors start with
     * @throws IllegalStateException naming {@code source:line} and the problem of every bad line (a
     *     bundled catalog that does not parse is a defect of the build, not of the user's input)
     */
    static Map<String, Workload> parse(String source, BufferedReader reader) throws IOException {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> column = null;
        int lineNumber = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String at = source + ":" + lineNumber + ": ";
            List<String> fields = Arrays.asList(line.split("\t", -1));
            if (column == null) {
                column = header(fields, at, problems);
                if (column == null) break;
                continue;
            }
            if (fields.size() != column.size()) {
                problems.add(at + "expected " + column.size() + " tab-separated columns, found " + fields.size());
                continue;
            }
            Map<String, Integer> c = column;
            Row row = new Row(name -> fields.get(c.get(name)).strip(), at);
            Workload w = row.workload();
            if (w == null) {
                problems.addAll(row.problems);
            } else if (workloads.putIfAbsent(w.name(), w) != null) {
                problems.add(at + "workload '" + w.name() + "' is defined twice");
            }
        }
        if (column == null && problems.isEmpty()) problems.add(source + ": no header line (" + COLUMNS_TEXT + ")");
        if (!problems.isEmpty()) throw new IllegalStateException(String.join("; ", problems));
        return workloads;
    }

    private static Map<String, Integer> header(List<String> fields, String at, List<String> problems) {
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            if (!COLUMNS.contains(name)) problems.add(at + "unknown column '" + name + "' (columns: " + COLUMNS_TEXT + ")");
            else if (column.putIfAbsent(name, i) != null) problems.add(at + "column '" + name + "' appears twice");
        }
        List<String> missing = COLUMNS.stream().filter(n -> !column.containsKey(n)).toList();
        if (!missing.isEmpty()) problems.add(at + "header lacks column(s) " + String.join(", ", missing));
        return problems.isEmpty() ? column : null;
    }

    /** One data row being read; collects its problems. */
    private static final class Row {
        private final Function<String, String> field;
        private final String at;
        private final List<String> problems = new ArrayList<>();

        Row(Function<String, String> field, String at) {
            this.field = field;
            this.at = at;
        }

        Workload workload() {
            String name = field.apply("name");
            if (name.isEmpty()) problems.add(at + "empty name");
            ModelSpec model = null;
            try {
                model = BackendModels.resolve(field.apply("model"));
            } catch (UserInputException e) {
                problems.add(at + e.getMessage());
            }
            String plan = field.apply("plan");
            try {
                PlanCatalog.builtIn().get(plan);
            } catch (UserInputException e) {
                problems.add(at + e.getMessage());
            }
            int prompt = positive("prompt", field.apply("prompt"));
            int chunk = positive("chunk", field.apply("chunk"));
            List<Integer> profileChunks = new ArrayList<>();
            for (String c : list("profile_chunks")) profileChunks.add(positive("profile_chunks", c));
            if (new LinkedHashSet<>(profileChunks).size() != profileChunks.size()) problems.add(at + "profile_chunks repeat: " + profileChunks);
            if (chunk > 0 && !profileChunks.contains(chunk)) {
                problems.add(at + "chunk " + chunk + " is not one of profile_chunks " + profileChunks
                        + ": the workload's profile would not measure the shapes it replays");
            }
            if (model != null && prompt > model.maxContextTokens()) {
                problems.add(at + "prompt " + prompt + " exceeds the max context of " + model.name() + " (" + model.maxContextTokens() + " tokens)");
            }
            List<String> policies = list("policies");
            for (String p : policies) {
                if (!PolicyCatalog.names().contains(p)) {
                    problems.add(at + "unknown policy '" + p + "' (known: " + String.join(", ", PolicyCatalog.names()) + ")");
                }
            }
            if (new LinkedHashSet<>(policies).size() != policies.size()) problems.add(at + "policies repeat: " + policies);
            String description = field.apply("description");
            if (description.isEmpty()) problems.add(at + "empty description: say what the workload tests");
            if (!problems.isEmpty()) return null;
            return new Workload(name, field.apply("model"), plan, prompt, chunk, profileChunks, policies, description);
        }

        private List<String> list(String column) {
            String text = field.apply(column);
            List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
            if (text.isEmpty() || items.contains("")) {
                problems.add(at + column + " must be a comma-separated list without empty items, got '" + text + "'");
                return List.of();
            }
            return items;
        }

        private int positive(String column, String text) {
            try {
                int v = Integer.parseInt(text);
                if (v >= 1) return v;
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(at + column + " must be an integer >= 1, got '" + text + "'");
            return 0;
        }
    }
}
