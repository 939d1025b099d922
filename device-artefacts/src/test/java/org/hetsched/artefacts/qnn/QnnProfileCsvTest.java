package org.hetsched.artefacts.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.hetsched.core.UserInputException;
import org.hetsched.core.trace.ProfilingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QnnProfileCsvTest {
    /** Written by QnnRuntime on the emulated HTP (onnxruntime-qnn 2.7.0): the qkv0 model of the tiny test model, 5 runs. */
    static Path fixture() throws URISyntaxException {
        return Path.of(QnnProfileCsvTest.class.getResource("qkv0-htp.csv").toURI());
    }

    @TempDir
    Path dir;

    @Test
    void parsesEveryExecutionOfARealHtpProfile() throws Exception {
        QnnProfileCsv.Chunk chunk = QnnProfileCsv.parse(fixture());
        assertEquals(List.of(43_343_000L), chunk.finalizeNs());
        assertEquals(5, chunk.executions().size());
        QnnExecution first = chunk.executions().get(0);
        assertEquals(34, first.line());
        assertEquals(22_214_000L, first.executeNs());
        assertEquals(18_560_000L, first.acceleratorNs());
        assertEquals(294_427L, first.acceleratorCycles());
        assertEquals(17, first.nodes().size());
        assertEquals(List.of("Input OpId_2", "op0.input_norm.square", "op0.input_norm.mean"),
                first.nodes().subList(0, 3).stream().map(QnnNodeEvent::node).toList());
        assertEquals("op1.q_proj.matmul:OpId_110 (cycles)", first.nodes().get(14).identifier());
        assertEquals(64_958L, first.nodes().get(14).value());
        for (QnnExecution e : chunk.executions()) {
            assertEquals(e.acceleratorCycles(), e.nodes().stream().mapToLong(QnnNodeEvent::value).sum(),
                    "on the HTP the accelerator cycles are the sum of the node cycles (line " + e.line() + ")");
            assertTrue(e.nodes().stream().allMatch(n -> n.unit() == ProfilingEvent.Unit.CYCLES));
        }
        assertEquals(Files.size(fixture()), chunk.next().offsetBytes());
        assertEquals(131, chunk.next().nextLine());
    }

    @Test
    void executionsBecomeAnEventTreeOfTasksAndNodes() throws Exception {
        List<QnnExecution> executions = QnnProfileCsv.parse(fixture()).executions();
        ProfilingEvent root = QnnProfileCsv.toEvent("qkv0", executions);
        assertEquals(ProfilingEvent.Type.EXECUTE, root.type());
        assertEquals(executions.stream().mapToLong(QnnExecution::executeNs).sum(), root.value());
        assertEquals(1 + 5 + 5 * 17, root.size());
        ProfilingEvent task = root.children().get(2);
        assertEquals(ProfilingEvent.Type.TASK, task.type());
        assertEquals("execution 2", task.label());
        assertEquals(4_045_000L, task.value());
        assertEquals(ProfilingEvent.Type.NODE, task.children().get(1).type());
        assertEquals("op0.input_norm.square", task.children().get(1).label());
        assertEquals(ProfilingEvent.Unit.CYCLES, task.children().get(1).unit());
    }

    @Test
    void readsOnlyCompletedExecutionsAndResumesWhereItStopped() throws Exception {
        List<String> lines = Files.readAllLines(fixture());
        Path csv = dir.resolve("growing.csv");
        // the header, the FINALIZE group and half of the first execution
        write(csv, lines.subList(0, 20), true);
        QnnProfileCsv.Chunk none = QnnProfileCsv.read(csv, QnnProfileCsv.Cursor.START);
        assertEquals(List.of(), none.executions());
        assertEquals(List.of(), none.finalizeNs(), "FINALIZE counts once an execution completes after it");
        assertEquals(2, none.next().nextLine(), "stops after the header");
        // the rest of the first execution and a line still being written
        write(csv, lines.subList(20, 34), false);
        Files.writeString(csv, "0,BACKEND,0,COU", StandardOpenOption.APPEND);
        QnnProfileCsv.Chunk one = QnnProfileCsv.read(csv, none.next());
        assertEquals(1, one.executions().size());
        assertEquals(List.of(43_343_000L), one.finalizeNs());
        assertEquals(35, one.next().nextLine());
        assertEquals(lines.subList(0, 34).stream().mapToLong(l -> l.length() + 1).sum(), one.next().offsetBytes());
        // nothing new: same cursor
        assertEquals(one.next(), QnnProfileCsv.read(csv, one.next()).next());
        // finish the partial line and add the second execution
        Files.writeString(csv, "NT,BACKEND,ROOT,Number of HVX threads used\n", StandardOpenOption.APPEND);
        write(csv, lines.subList(35, 58), false);
        QnnProfileCsv.Chunk two = QnnProfileCsv.read(csv, one.next());
        assertEquals(1, two.executions().size());
        assertEquals(9_239_000L, two.executions().get(0).executeNs());
        assertEquals(58, two.executions().get(0).line());
    }

    @Test
    void aFileThatDoesNotExistYetHasNothingToRead() {
        QnnProfileCsv.Chunk chunk = QnnProfileCsv.read(dir.resolve("not-yet.csv"), QnnProfileCsv.Cursor.START);
        assertEquals(List.of(), chunk.executions());
        assertEquals(QnnProfileCsv.Cursor.START, chunk.next());
        UserInputException e = assertThrows(UserInputException.class, () -> QnnProfileCsv.parse(dir.resolve("not-yet.csv")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aHeaderOnlyFileHasNoExecutions() throws IOException {
        Path csv = dir.resolve("header.csv");
        write(csv, List.of(QnnProfileCsv.HEADER), true);
        assertEquals(List.of(), QnnProfileCsv.parse(csv).executions());
    }

    @Test
    void malformedRowsAreReportedWithFileAndLine() throws Exception {
        List<String> lines = Files.readAllLines(fixture());
        assertProblem(List.of(), 1, "the file is empty");
        assertProblem(List.of("Time,Message"), 1, "expected the header");
        assertProblem(with(lines, 12, "0,BACKEND,0,COUNT,BACKEND"), 12, "expected 7 comma-separated columns");
        assertProblem(with(lines, 13, "0,BACKEND,12x,US,BACKEND,ROOT,Time for initial VTCM acquire"), 13, "Time is not a number: \"12x\"");
        assertProblem(with(lines, 13, "0,BACKEND,-5,US,BACKEND,ROOT,Time for initial VTCM acquire"), 13, "Time is negative");
        assertProblem(with(lines, 14, "0,BACKEND,5,MS,BACKEND,ROOT,Time for HVX"), 14, "unknown unit \"MS\"");
        assertProblem(with(lines, 14, "0,BACKEND,5,US,BACKEND,LEAF,Time for HVX"), 14, "unknown Event Level \"LEAF\"");
        assertProblem(with(lines, 34, "0,EXECUTE,22214,CYCLES,BACKEND,ROOT,QNN (execute) time"), 34, "has unit CYCLES; expected US");
        assertProblem(List.of(QnnProfileCsv.HEADER, "0,NODE,5,CYCLES,BACKEND,SUB-EVENT,x:OpId_1 (cycles)"), 2,
                "a SUB-EVENT row with no ROOT row before it");
        assertProblem(lines.subList(0, 40), 35, "belong to no execution");
    }

    @Test
    void identifiersMayContainCommasAndUnknownEventTypesAreSkipped() throws IOException {
        Path csv = dir.resolve("other.csv");
        write(csv, List.of(QnnProfileCsv.HEADER,
                "0,DEINIT,7,US,BACKEND,ROOT,QNN (deinit) time",
                "0,UNKNOWN,3,US,BACKEND,SUB-EVENT,something",
                "0,BACKEND,10,CYCLES,BACKEND,ROOT,Accelerator (execute) time (cycles)",
                "0,NODE,10,CYCLES,BACKEND,SUB-EVENT,a,b:OpId_4 (cycles)",
                "0,NODE,2,COUNT,BACKEND,SUB-EVENT,a counter",
                "0,EXECUTE,12.6,US,BACKEND,ROOT,QNN (execute) time",
                "0,NODE,3,US,BACKEND,SUB-EVENT,late:OpId_5 (us)",
                ""), true);
        QnnExecution e = QnnProfileCsv.parse(csv).executions().get(0);
        assertEquals(13_000L, e.executeNs(), "a fractional time is rounded");
        assertEquals(List.of("a,b", "late"), e.nodes().stream().map(QnnNodeEvent::node).toList());
        assertEquals(3_000L, e.nodes().get(1).value());
        assertEquals(ProfilingEvent.Unit.TIME_NS, e.nodes().get(1).unit());
        assertEquals(-1, e.acceleratorNs());
    }

    private void assertProblem(List<String> lines, int line, String message) throws IOException {
        Path csv = dir.resolve("bad.csv");
        write(csv, lines, true);
        QnnProfileException e = assertThrows(QnnProfileException.class, () -> QnnProfileCsv.parse(csv));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(csv + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static List<String> with(List<String> lines, int lineNumber, String replacement) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(lineNumber - 1, replacement);
        return copy;
    }

    private static void write(Path csv, List<String> lines, boolean truncate) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        if (truncate) Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        else Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
