package org.hetsched.artefacts.qnn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.ProfilingEvent;
import org.hetsched.profiles.format.IoFailure;

/**
 * Reads the CSV that QNN writes at profiling level "detailed" (ONNX Runtime's QNN execution
 * provider option {@code profiling_file_path}): a header
 * {@value #HEADER}, then one row per event, each ROOT followed by its SUB-EVENTs.
 *
 * <p>What a row means, from the Message and Event Identifier columns (units US, CYCLES, COUNT):
 * <ul>
 *   <li>{@code FINALIZE} ROOT "QNN (finalize) time" (US): graph preparation, written when a session is
 *       created; its sub-events (preparation stages) are skipped.</li>
 *   <li>{@code BACKEND} ROOT "Accelerator (execute) time (cycles)" (CYCLES), followed by one {@code NODE}
 *       SUB-EVENT per QNN op, "{@code <node name>:OpId_<n> (cycles)}"; and BACKEND ROOT "Accelerator
 *       (execute) time" (US).</li>
 *   <li>{@code EXECUTE} ROOT "QNN (execute) time" (US) closes one graph execution: every row since the
 *       previous EXECUTE row belongs to it (NODE sub-events directly after it do too).</li>
 *   <li>Skipped: other BACKEND roots (VTCM acquire, power-on: times of the emulator's set-up), every
 *       COUNT or BYTES row (thread and yield counters are not times), and roots of any other
 *       Message with their sub-events.</li>
 * </ul>
 * Microseconds become ns (× 1000); cycles stay cycles.
 *
 * <p>Incremental reading: the file grows by one group of rows per execution (ONNX Runtime appends,
 * also across sessions writing the same path). {@link #read} returns the executions completed after
 * a {@link Cursor} and the cursor after the last one, leaving a trailing partial group for the
 * next call, so a backend reads only the rows of its latest run. {@link #parse} reads a whole file
 * and rejects rows that belong to no execution.
 *
 * <p>Memory: the rows after the cursor. Stateless; safe to share.
 */
public final class QnnProfileCsv {
    /** The header row, exactly as QNN writes it. */
    public static final String HEADER = "Msg Timestamp,Message,Time,Unit of Measurement,Timing Source,Event Level,Event Identifier";
    private static final int COLUMNS = 7;
    private static final Set<String> UNITS = Set.of("US", "CYCLES", "COUNT", "BYTES");
    private static final String ACCELERATOR_CYCLES = "Accelerator (execute) time (cycles)";
    private static final String ACCELERATOR_TIME = "Accelerator (execute) time";

    private QnnProfileCsv() {
    }

    /**
     * A position in a profiling file: a byte offset at a line start and that line's 1-based number.
     * {@link #START} is the file start, before the header.
     */
    public record Cursor(long offsetBytes, int nextLine) {
        public static final Cursor START = new Cursor(0, 1);

        public Cursor {
            if (offsetBytes < 0 || nextLine < 1) throw new IllegalArgumentException("bad cursor: offset " + offsetBytes + ", line " + nextLine);
        }
    }

    /**
     * What a read found.
     *
     * @param executions the completed executions, in file order
     * @param finalizeNs "QNN (finalize) time" of each FINALIZE row before the last execution (at the
     *                   end of the file too, for {@link #parse}), in ns
     * @param next       where the next {@link #read} starts
     */
    public record Chunk(List<QnnExecution> executions, List<Long> finalizeNs, Cursor next) {
        public Chunk {
            executions = List.copyOf(executions);
            finalizeNs = List.copyOf(finalizeNs);
        }
    }

    /**
     * Every execution of a whole file.
     *
     * @throws QnnProfileException if the file is empty, has another header, a malformed row (naming
     *     file:line), or rows after the last EXECUTE row that belong to an execution
     * @throws UserInputException  if the file cannot be read
     */
    public static Chunk parse(Path csv) {
        return scan(csv, Cursor.START, true);
    }

    /**
     * The executions completed in {@code csv} after {@code from}. A file that does not exist yet, or
     * has nothing new, gives no executions and the same cursor.
     *
     * @throws QnnProfileException if a row after {@code from} is malformed (naming file:line)
     * @throws UserInputException  if the file exists but cannot be read
     */
    public static Chunk read(Path csv, Cursor from) {
        return scan(csv, from, false);
    }

    /**
     * A tree of executions: an {@link ProfilingEvent.Type#EXECUTE} root (value = the sum of their
     * {@link QnnExecution#executeNs}) with one TASK child per execution ({@link QnnExecution#toEvent},
     * labelled "execution i") and its NODE children.
     */
    public static ProfilingEvent toEvent(String label, List<QnnExecution> executions) {
        List<ProfilingEvent> children = new ArrayList<>(executions.size());
        long total = 0;
        for (int i = 0; i < executions.size(); i++) {
            children.add(executions.get(i).toEvent("execution " + i));
            total += executions.get(i).executeNs();
        }
        return new ProfilingEvent(ProfilingEvent.Type.EXECUTE, total, ProfilingEvent.Unit.TIME_NS, label, children);
    }

    private static Chunk scan(Path csv, Cursor from, boolean wholeFile) {
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.READ)) {
            long size = ch.size();
            if (from.offsetBytes() > size) {
                throw new QnnProfileException(csv, from.nextLine(), "the file is shorter (" + size + " bytes) than the position "
                        + from.offsetBytes() + " read before; was it replaced?");
            }
            long length = size - from.offsetBytes();
            if (length > Integer.MAX_VALUE - 8) throw new UserInputException("QNN profile " + csv + " is too large to read (" + size + " bytes)");
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            while (buf.hasRemaining()) {
                if (ch.read(buf, from.offsetBytes() + buf.position()) < 0) break;
            }
            bytes = buf.array();
        } catch (NoSuchFileException e) {
            if (!wholeFile) return new Chunk(List.of(), List.of(), from);
            throw new UserInputException("QNN profile " + csv + " does not exist");
        } catch (IOException e) {
            throw new UserInputException("cannot read QNN profile " + csv + ": " + IoFailure.reason(e), e);
        }
        if (wholeFile && bytes.length == 0) throw new QnnProfileException(csv, 1, "the file is empty; expected the header " + HEADER);
        return new Scan(csv, from).run(bytes, wholeFile);
    }

    /** One pass over the bytes after a cursor; single-threaded. */
    private static final class Scan {
        private final Path csv;
        private final Cursor from;
        private final List<Execution> closed = new ArrayList<>();
        private final List<Long> finalizeCommitted = new ArrayList<>();
        private final List<Long> finalizePending = new ArrayList<>();
        private Execution open = new Execution();
        private String root;
        private Cursor committed;

        Scan(Path csv, Cursor from) {
            this.csv = csv;
            this.from = from;
            this.committed = from;
        }

        Chunk run(byte[] bytes, boolean wholeFile) {
            int line = from.nextLine();
            int start = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') end++;
                boolean complete = end < bytes.length;
                if (!complete && !wholeFile) break; // a line still being written
                int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
                String text = new String(bytes, start, textEnd - start, StandardCharsets.UTF_8);
                long after = from.offsetBytes() + (complete ? end + 1 : end);
                row(text, line, new Cursor(after, line + 1));
                line++;
                start = end + 1;
            }
            if (wholeFile) {
                if (from.nextLine() == 1 && line == 1) throw new QnnProfileException(csv, 1, "the file is empty; expected the header " + HEADER);
                if (open.firstLine > 0) {
                    throw new QnnProfileException(csv, open.firstLine, "the rows from here on belong to no execution: no EXECUTE row \"QNN"
                            + " (execute) time\" follows them (was the file cut short?)");
                }
                finalizeCommitted.addAll(finalizePending);
                committed = new Cursor(from.offsetBytes() + bytes.length, line);
            }
            List<QnnExecution> executions = new ArrayList<>(closed.size());
            for (Execution e : closed) executions.add(e.toRecord());
            return new Chunk(executions, finalizeCommitted, committed);
        }

        private void row(String text, int line, Cursor after) {
            if (line == 1) {
                String header = text.startsWith("\uFEFF") ? text.substring(1) : text;
                if (!header.equals(HEADER)) {
                    throw new QnnProfileException(csv, line, "expected the header \"" + HEADER + "\", found \"" + text + "\"");
                }
                committed = after;
                return;
            }
            if (text.isBlank()) {
                if (open.firstLine == 0 && finalizePending.isEmpty() && root == null) committed = after;
                return;
            }
            String[] f = text.split(",", COLUMNS);
            if (f.length < COLUMNS) {
                throw new QnnProfileException(csv, line, "expected " + COLUMNS + " comma-separated columns (" + HEADER + "), found "
                        + f.length + ": \"" + text + "\"");
            }
            number(f[0], "Msg Timestamp", line);
            String message = f[1].trim();
            long time = number(f[2], "Time", line);
            String unit = f[3].trim();
            if (!UNITS.contains(unit)) {
                throw new QnnProfileException(csv, line, "unknown unit \"" + unit + "\"; expected one of " + UNITS.stream().sorted().toList());
            }
            String level = f[5].trim();
            String identifier = f[6].trim();
            switch (level) {
                case "ROOT" -> root(message, time, unit, identifier, line, after);
                case "SUB-EVENT" -> subEvent(message, time, unit, identifier, line, after);
                default -> throw new QnnProfileException(csv, line, "unknown Event Level \"" + level + "\"; expected ROOT or SUB-EVENT");
            }
        }

        private void root(String message, long time, String unit, String identifier, int line, Cursor after) {
            root = message;
            switch (message) {
                case "EXECUTE" -> {
                    if (!unit.equals("US")) {
                        throw new QnnProfileException(csv, line, "the EXECUTE row \"" + identifier + "\" has unit " + unit + "; expected US");
                    }
                    open.line = line;
                    open.executeNs = Math.multiplyExact(time, 1000L);
                    closed.add(open);
                    open = new Execution();
                    finalizeCommitted.addAll(finalizePending);
                    finalizePending.clear();
                    committed = after;
                }
                case "FINALIZE" -> {
                    if (unit.equals("US")) finalizePending.add(Math.multiplyExact(time, 1000L));
                }
                case "BACKEND" -> {
                    open.touch(line);
                    if (identifier.equals(ACCELERATOR_CYCLES) && unit.equals("CYCLES")) {
                        open.acceleratorCycles = time;
                    } else if (identifier.equals(ACCELERATOR_TIME) && unit.equals("US")) {
                        open.acceleratorNs = Math.multiplyExact(time, 1000L);
                    }
                }
                default -> {
                    // other event types (INIT, DEINIT, ...) carry nothing an execution needs
                }
            }
        }

        private void subEvent(String message, long time, String unit, String identifier, int line, Cursor after) {
            if (root == null) throw new QnnProfileException(csv, line, "a SUB-EVENT row with no ROOT row before it");
            boolean ofClosedExecution = root.equals("EXECUTE") && !closed.isEmpty();
            if (message.equals("NODE") && !root.equals("FINALIZE") && (unit.equals("CYCLES") || unit.equals("US"))) {
                QnnNodeEvent node = unit.equals("CYCLES")
                        ? new QnnNodeEvent(QnnNodeEvent.nodeName(identifier), identifier, time, ProfilingEvent.Unit.CYCLES)
                        : new QnnNodeEvent(QnnNodeEvent.nodeName(identifier), identifier, Math.multiplyExact(time, 1000L),
                                ProfilingEvent.Unit.TIME_NS);
                if (ofClosedExecution) {
                    closed.get(closed.size() - 1).nodes.add(node);
                } else {
                    open.nodes.add(node);
                    open.touch(line);
                }
            }
            if (ofClosedExecution) committed = after;
        }

        private long number(String field, String column, int line) {
            String s = field.trim();
            try {
                long v = Long.parseLong(s);
                if (v < 0) throw new QnnProfileException(csv, line, column + " is negative: " + s);
                return v;
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(s);
                    if (d < 0 || !Double.isFinite(d)) throw new QnnProfileException(csv, line, column + " is not a number ≥ 0: \"" + s + "\"");
                    return Math.round(d);
                } catch (NumberFormatException e2) {
                    throw new QnnProfileException(csv, line, column + " is not a number: \"" + s + "\"");
                }
            }
        }
    }

    /** An execution being collected. */
    private static final class Execution {
        int line;
        int firstLine;
        long executeNs = -1;
        long acceleratorNs = -1;
        long acceleratorCycles = -1;
        final List<QnnNodeEvent> nodes = new ArrayList<>();

        void touch(int line) {
            if (firstLine == 0) firstLine = line;
        }

        QnnExecution toRecord() {
            return new QnnExecution(line, executeNs, acceleratorNs, acceleratorCycles, nodes);
        }
    }
}
