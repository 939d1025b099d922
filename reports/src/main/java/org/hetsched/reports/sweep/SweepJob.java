package org.hetsched.reports.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Merges shard folders: all of one sweep, every shard exactly once, every point exactly once,
     * each folder's results exactly as its sweep wrote them (their SHA-256 matches the manifest's).
     *
     * @throws UserInputException naming the folder that does not fit, or when {@code outDir} is one of
     *                            the shard folders
     */
    public static List<SweepRow> merge(List<Path> shardDirs, Path outDir, Extras extras) {
        if (shardDirs.isEmpty()) throw new UserInputException("merge needs at least one shard folder");
        for (Path dir : shardDirs) {
            if (samePath(dir, outDir)) {
                throw new UserInputException("--out " + outDir + " is one of the shard folders being merged; choose another folder");
            }
        }
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

        Set<String> inSweep = new HashSet<>(first.order());
        Map<String, SweepRow> rows = new HashMap<>();
        Map<String, Path> holder = new HashMap<>();
        for (int i = 0; i < shardDirs.size(); i++) {
            Path results = shardDirs.get(i).resolve(RESULTS);
            for (SweepRow row : verifiedRows(results, manifests.get(i))) {
                String key = SweepResults.keyOf(row);
                if (!inSweep.contains(key)) {
                    throw new UserInputException("cannot merge: " + results + " holds point " + key + ", which is not in the sweep");
                }
                Path earlier = holder.putIfAbsent(key, results);
                if (earlier != null) {
                    throw new UserInputException("cannot merge: point " + key + " is in both " + earlier + " and " + results
                            + " (overlapping shards)");
                }
                rows.put(key, row);
            }
        }
        List<String> missing = first.order().stream().filter(k -> !rows.containsKey(k)).limit(5).toList();
        if (!missing.isEmpty()) {
            throw new UserInputException("cannot merge: the shards hold " + rows.size() + " of " + first.order().size()
                    + " points; missing e.g. " + missing);
        }
        // canonical order: the manifest lists every point's key in it
        List<SweepRow> merged = first.order().stream().map(rows::get).toList();
        write(outDir, new SweepManifest(first.name(), first.fingerprint(), Shard.ALL, first.order(), null), merged, extras);
        return merged;
    }

    /**
     * Why {@code dir} does not hold the finished results of {@code shard} of the sweep with
     * {@code fingerprint} exactly as its run wrote them, or empty when it does: its manifest is
     * readable and of that sweep and shard, and its results.csv has the SHA-256 the manifest recorded.
     */
    public static Optional<String> check(Path dir, String fingerprint, Shard shard) {
        Path manifestFile = dir.resolve(SweepManifest.FILE);
        Path results = dir.resolve(RESULTS);
        if (!Files.exists(manifestFile) && !Files.exists(results)) return Optional.of("no results");
        if (!Files.exists(manifestFile)) return Optional.of("no " + SweepManifest.FILE + " beside its " + RESULTS);
        if (!Files.exists(results)) return Optional.of("no " + RESULTS + " beside its " + SweepManifest.FILE);
        SweepManifest manifest;
        byte[] bytes;
        try {
            manifest = SweepManifest.read(manifestFile);
            bytes = SweepResults.readBytes(results);
        } catch (UserInputException e) {
            return Optional.of(e.getMessage());
        }
        if (!manifest.fingerprint().equals(fingerprint)) {
            return Optional.of("results of another sweep (" + manifest.name() + ", " + manifest.fingerprint() + ")");
        }
        if (!manifest.shard().equals(shard)) return Optional.of("results of shard " + manifest.shard() + ", not " + shard);
        if (!SweepResults.digest(bytes).equals(manifest.resultsSha256())) {
            return Optional.of(RESULTS + " was changed after its sweep wrote it");
        }
        return Optional.empty();
    }

    /** The rows of {@code results}, refused unless the file is byte for byte what its manifest recorded. */
    private static List<SweepRow> verifiedRows(Path results, SweepManifest manifest) {
        byte[] bytes = SweepResults.readBytes(results);
        if (!SweepResults.digest(bytes).equals(manifest.resultsSha256())) {
            throw new UserInputException("cannot merge: " + results + " was changed after its sweep wrote it (its SHA-256 is not the one in "
                    + SweepManifest.FILE + "); rerun that shard");
        }
        return SweepResults.parse(bytes, results);
    }

    /** Whether two paths name one file or folder (through links); a path that does not exist is compared as written. */
    private static boolean samePath(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException e) {
            // compared by name below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static void write(Path outDir, SweepManifest manifest, List<SweepRow> rows, Extras extras) {
        byte[] results = SweepResults.bytes(rows);
        SweepManifest recorded = manifest.withResults(SweepResults.digest(results));
        OutputFiles files = new OutputFiles()
                .add(RESULTS, out -> out.write(results))
                .add(SweepManifest.FILE, recorded::write);
        extras.add(files, rows);
        files.writeTo(outDir);
    }

    /** Rows of an earlier run of the same sweep in {@code outDir}, by point key; empty if there is none. */
    private static Map<String, SweepRow> previousRows(Path outDir, SweepConfig config) {
        Path manifest = outDir.resolve(SweepManifest.FILE);
        Path results = outDir.resolve(RESULTS);
        if (!Files.exists(manifest) || !Files.exists(results)) return Map.of();
        SweepManifest earlier = SweepManifest.read(manifest);
        if (!earlier.fingerprint().equals(config.fingerprint())) return Map.of();
        byte[] bytes = SweepResults.readBytes(results);
        // rows changed after the run are not results: compute them again
        if (!SweepResults.digest(bytes).equals(earlier.resultsSha256())) return Map.of();
        return SweepResults.byKey(SweepResults.parse(bytes, results));
    }
}
