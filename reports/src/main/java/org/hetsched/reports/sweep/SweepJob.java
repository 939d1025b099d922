package org.hetsched.reports.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hetsched.core.UserInputException;
import org.hetsched.reports.OutputFiles;

/**
 * What {@code hetsched sweep} and {@code hetsched merge} do with files: run a configuration (or a
 * shard) into a folder, reusing the rows a previous run of the same sweep left there, and merge
 * shard folders into exactly the folder an unsharded run writes. Outputs are written all or
 * nothing. Stateless.
 */
public final class SweepJob {
    public static final String RESULTS = "results.csv";

    private SweepJob() {
    }

    /** Extra files a caller adds to a finished sweep's folder (charts, a report), from its rows. */
    @FunctionalInterface
    public interface Extras {
        Extras NONE = (files, rows) -> { };

        void add(OutputFiles files, List<SweepRow> rows);
    }

    /**
     * @return the rows written, in canonical order
     * @throws UserInputException on a bad configuration (before any work) or unwritable output
     */
    public static List<SweepRow> run(Path configFile, Path outDir, Shard shard, int threads, SweepProgress progress,
                                     Extras extras) {
        SweepConfig config = SweepConfigReader.read(configFile);
        Map<String, SweepRow> reuse = previousRows(outDir, config);
        List<SweepRow> rows = SweepRunner.run(config, shard, threads, reuse, progress);
        write(outDir, SweepManifest.of(config, shard), rows, extras);
        return rows;
    }

    /**
     * Merges shard folders: all of one sweep, every shard exactly once.
     *
     * @throws UserInputException naming the folder that does not fit
     */
    public static List<SweepRow> merge(List<Path> shardDirs, Path outDir, Extras extras) {
        if (shardDirs.isEmpty()) throw new UserInputException("merge needs at least one shard folder");
        List<SweepManifest> manifests = new ArrayList<>();
        for (Path dir : shardDirs) manifests.add(SweepManifest.read(dir.resolve(SweepManifest.FILE)));
        SweepManifest first = manifests.get(0);
        List<String> problems = new ArrayList<>();
        boolean[] seen = new boolean[first.shard().count()];
        for (int i = 0; i < manifests.size(); i++) {
            SweepManifest m = manifests.get(i);
            if (!m.fingerprint().equals(first.fingerprint())) {
                problems.add(shardDirs.get(i) + " is from another sweep (" + m.name() + ", " + m.fingerprint() + ")");
            } else if (m.shard().count() != first.shard().count()) {
                problems.add(shardDirs.get(i) + " is shard " + m.shard() + ", the others are of " + first.shard().count());
            } else if (seen[m.shard().index()]) {
                problems.add(shardDirs.get(i) + " repeats shard " + m.shard());
            } else {
                seen[m.shard().index()] = true;
            }
        }
        for (int s = 0; s < seen.length && problems.isEmpty(); s++) {
            if (!seen[s]) problems.add("shard " + s + "/" + seen.length + " is missing");
        }
        if (!problems.isEmpty()) throw new UserInputException("cannot merge: " + String.join("; ", problems));

        Map<String, SweepRow> rows = new HashMap<>();
        for (Path dir : shardDirs) rows.putAll(SweepResults.byKey(SweepResults.read(dir.resolve(RESULTS))));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < first.order().size(); i++) position.put(first.order().get(i), i);
        List<String> missing = first.order().stream().filter(k -> !rows.containsKey(k)).limit(5).toList();
        if (!missing.isEmpty() || rows.size() != first.order().size()) {
            throw new UserInputException("cannot merge: the shards hold " + rows.size() + " of " + first.order().size()
                    + " points" + (missing.isEmpty() ? "" : "; missing e.g. " + missing));
        }
        List<SweepRow> merged = rows.values().stream()
                .sorted(Comparator.comparingInt(r -> position.get(SweepResults.keyOf(r)))).toList();
        write(outDir, new SweepManifest(first.name(), first.fingerprint(), Shard.ALL, first.order()), merged, extras);
        return merged;
    }

    private static void write(Path outDir, SweepManifest manifest, List<SweepRow> rows, Extras extras) {
        OutputFiles files = new OutputFiles()
                .add(RESULTS, out -> SweepResults.write(rows, out))
                .add(SweepManifest.FILE, manifest::write);
        extras.add(files, rows);
        files.writeTo(outDir);
    }

    /** Rows of an earlier run of the same sweep in {@code outDir}, by point key; empty if there is none. */
    private static Map<String, SweepRow> previousRows(Path outDir, SweepConfig config) {
        Path manifest = outDir.resolve(SweepManifest.FILE);
        Path results = outDir.resolve(RESULTS);
        if (!Files.exists(manifest) || !Files.exists(results)) return Map.of();
        if (!SweepManifest.read(manifest).fingerprint().equals(config.fingerprint())) return Map.of();
        return SweepResults.byKey(SweepResults.read(results));
    }
}
