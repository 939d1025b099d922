package org.hetsched.reports.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.hetsched.core.UserInputException;
import org.hetsched.profiles.format.IoFailure;
import org.hetsched.reports.Csv;

/**
 * results.csv: one row per sweep point in canonical order, the columns of {@link SweepRow}
 * (processors and utilisations as ';'-separated lists), times in ns so values round-trip
 * exactly; written and read as {@link Csv}, so a name with a comma, quote or line break survives
 * the round trip. The energy columns ({@link #ENERGY_COLUMNS}) follow only when some row has
 * energy, with empty cells for the rows without: a sweep without power figures writes exactly the
 * file it wrote before energy existed, and a merge writes back the columns its shards had (a shard
 * whose rows happen to have none still merges, since the columns depend on the rows alone).
 * Reading is strict: a file that is not exactly this format is refused with its line.
 */
public final class SweepResults {
    public static final String HEADER = "model,device,plan,policy,promptTokens,chunkTokens,seed,makespanNs,"
            + "tokensPerSecond,paddedTokens,tasks,bubbleRate,lowerBoundNs,processors,utilization";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    /** Columns after {@link #HEADER} when some row has energy: J, and J per real prompt token. */
    public static final List<String> ENERGY_COLUMNS = List.of("energyJ", "energyJPerPromptToken");
    private static final List<String> COLUMNS_WITH_ENERGY =
            Stream.concat(COLUMNS.stream(), ENERGY_COLUMNS.stream()).toList();

    private SweepResults() {
    }

    public static void write(List<SweepRow> rows, OutputStream out) throws IOException {
        boolean energy = rows.stream().anyMatch(r -> r.energyJ().isPresent());
        List<List<String>> cells = new ArrayList<>();
        for (SweepRow r : rows) {
            List<String> row = new ArrayList<>(List.of(r.model(), r.device(), r.plan(), r.policy(),
                    Integer.toString(r.promptTokens()), Integer.toString(r.chunkTokens()), Long.toString(r.seed()),
                    Long.toString(r.makespanNs()), Double.toString(r.tokensPerSecond()), Integer.toString(r.paddedTokens()),
                    Integer.toString(r.tasks()), Double.toString(r.bubbleRate()), Long.toString(r.lowerBoundNs()),
                    String.join(";", r.processors()),
                    String.join(";", r.utilization().stream().map(d -> Double.toString(d)).toList())));
            if (energy) {
                row.add(cell(r.energyJ()));
                row.add(cell(r.energyJPerPromptToken()));
            }
            cells.add(row);
        }
        out.write(Csv.write(energy ? COLUMNS_WITH_ENERGY : COLUMNS, cells, Csv.LineEnd.LF).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws UserInputException if the file is unreadable or not a results file (naming the line)
     */
    public static List<SweepRow> read(Path file) {
        return parse(readBytes(file), file);
    }

    /** The bytes of a results file, as {@link #parse} and a digest take them. */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + IoFailure.reason(e), e);
        }
    }

    /**
     * Rows of a results file's bytes; a point listed twice is refused.
     *
     * @param file where the bytes came from, for messages
     * @throws UserInputException if the bytes are not a results file (naming the line)
     */
    static List<SweepRow> parse(byte[] bytes, Path file) {
        List<Csv.Row> records;
        try {
            records = Csv.read(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": not CSV (" + e.getMessage() + ")", e);
        }
        if (records.isEmpty() || records.get(0).line() != 1
                || !(records.get(0).cells().equals(COLUMNS) || records.get(0).cells().equals(COLUMNS_WITH_ENERGY))) {
            throw new UserInputException(file + ":1: not a hetsched results file (expected the header " + HEADER
                    + ", optionally followed by ," + String.join(",", ENERGY_COLUMNS) + ")");
        }
        int columns = records.get(0).cells().size();
        List<SweepRow> rows = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (Csv.Row record : records.subList(1, records.size())) {
            SweepRow row;
            try {
                row = parse(record.cells(), columns);
            } catch (RuntimeException e) {
                throw new UserInputException(file + ":" + record.line() + ": malformed row (" + e.getMessage() + ")", e);
            }
            Integer earlier = lineOf.putIfAbsent(keyOf(row), record.line());
            if (earlier != null) {
                throw new UserInputException(file + ":" + record.line() + ": point " + keyOf(row) + " is already on line " + earlier);
            }
            rows.add(row);
        }
        if (columns == COLUMNS_WITH_ENERGY.size() && rows.stream().noneMatch(r -> r.energyJ().isPresent())) {
            // write() adds the energy columns only for some energy, so this file did not come from it
            throw new UserInputException(file + ":1: energy columns, but no row has an energy");
        }
        return rows;
    }

    /** The SHA-256 of a results file's bytes, in hex: what {@link SweepManifest} records of its folder's results. */
    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The bytes {@link #write} writes. */
    static byte[] bytes(List<SweepRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(rows, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Rows by {@link #keyOf}. */
    public static Map<String, SweepRow> byKey(List<SweepRow> rows) {
        Map<String, SweepRow> map = new LinkedHashMap<>();
        for (SweepRow r : rows) map.put(keyOf(r), r);
        return map;
    }

    /** The {@link SweepPoint#key()} of the point a row came from. */
    public static String keyOf(SweepRow r) {
        return String.join("|", r.model(), r.device(), r.plan(), Integer.toString(r.promptTokens()),
                Integer.toString(r.chunkTokens()), r.policy(), Long.toString(r.seed()));
    }

    /** A number cell, round-tripping exactly; empty for no value. */
    private static String cell(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : "";
    }

    private static OptionalDouble optional(String cell) {
        return cell.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(cell));
    }

    private static SweepRow parse(List<String> f, int columns) {
        if (f.size() != columns) throw new IllegalArgumentException("expected " + columns + " fields, found " + f.size());
        boolean energy = columns == COLUMNS_WITH_ENERGY.size();
        List<String> processors = Arrays.asList(f.get(13).split(";"));
        List<Double> utilization = Arrays.stream(f.get(14).split(";")).map(Double::valueOf).toList();
        return new SweepRow(f.get(0), f.get(1), f.get(2), f.get(3), Integer.parseInt(f.get(4)), Integer.parseInt(f.get(5)),
                Long.parseLong(f.get(6)), Long.parseLong(f.get(7)), Double.parseDouble(f.get(8)), Integer.parseInt(f.get(9)),
                Integer.parseInt(f.get(10)), Double.parseDouble(f.get(11)), Long.parseLong(f.get(12)), processors,
                utilization, energy ? optional(f.get(15)) : OptionalDouble.empty(),
                energy ? optional(f.get(16)) : OptionalDouble.empty());
    }
}
