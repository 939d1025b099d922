package org.hetsched.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainCellsStayUnquotedAndNumbersKeepTheirText() {
        assertEquals("policy,lowerBoundBasis,makespanMs,optimumMs\r\nheft,forced load,67.977287,\r\n",
                Csv.write(List.of("policy", "lowerBoundBasis", "makespanMs", "optimumMs"),
                        List.of(List.of("heft", "forced load", "67.977287", "")), Csv.LineEnd.CRLF));
        assertEquals("a,b\nc1/attention@L0,-1.5E-7\n",
                Csv.write(List.of("a", "b"), List.of(List.of("c1/attention@L0", "-1.5E-7")), Csv.LineEnd.LF));
    }

    @Test
    void onlyCellsThatNeedItAreQuotedWithQuotesDoubled() {
        assertEquals("h,h,h\n\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n",
                Csv.write(List.of("h", "h", "h"), List.of(List.of("a,b", "say \"hi\"", "x\ny")), Csv.LineEnd.LF));
        assertEquals("h,h\r\n\"x\ry\",plain\r\n",
                Csv.write(List.of("h", "h"), List.of(List.of("x\ry", "plain")), Csv.LineEnd.CRLF));
        assertEquals("h,h\n\"x\ny\",plain\n", Csv.write(List.of("h", "h"), List.of(List.of("x\ny", "plain")), Csv.LineEnd.LF));
    }

    @Test
    void aLineBreakJacksonWouldMissQuotesItsWholeRow() {
        assertEquals("h,h\r\n\"x\ny\",\"plain\"\r\n", Csv.write(List.of("h", "h"), List.of(List.of("x\ny", "plain")), Csv.LineEnd.CRLF));
        assertEquals("h,h\n\"x\ry\",\"plain\"\n", Csv.write(List.of("h", "h"), List.of(List.of("x\ry", "plain")), Csv.LineEnd.LF));
    }

    @Test
    void noRowsIsTheHeaderAlone() {
        assertEquals("a,b\r\n", Csv.write(List.of("a", "b"), List.of(), Csv.LineEnd.CRLF));
    }

    @Test
    void everyCellReadsBackWithTheLineItsRecordStartsOn() {
        List<List<String>> rows = List.of(List.of("a,b", "say \"hi\""), List.of("x\ny", "z"), List.of("x\ry", ""), List.of("p\r\nq", "#r"));
        for (Csv.LineEnd end : Csv.LineEnd.values()) {
            List<Csv.Row> read = Csv.read(Csv.write(List.of("h1", "h2"), rows, end));
            assertEquals(List.of("h1", "h2"), read.get(0).cells());
            assertEquals(rows, read.subList(1, read.size()).stream().map(Csv.Row::cells).toList(), end.name());
            assertEquals(List.of(1, 2, 3, 5, 7), read.stream().map(Csv.Row::line).toList(), end.name());
        }
    }

    @Test
    void emptyLinesAreNoRecords() {
        assertEquals(List.of(new Csv.Row(1, List.of("a")), new Csv.Row(3, List.of("b", "c"))), Csv.read("a\n\nb,c\n\n"));
        assertEquals(List.of(), Csv.read(""));
    }

    @Test
    void hashCommentsAreSkippedOnlyWhenAsked() {
        String text = "# a,\"b\nc,d\n";
        assertEquals(List.of(new Csv.Row(2, List.of("c", "d"))), Csv.read(text, true));
        assertThrows(IllegalArgumentException.class, () -> Csv.read(text));
        assertEquals(List.of(new Csv.Row(1, List.of("#x", "y"))), Csv.read("#x,y\n"));
    }

    @Test
    void textAfterAClosingQuoteIsRefusedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read("a,b\n\"bad\"x,y\n"));
        assertTrue(e.getMessage().startsWith("line 2, column "), e.getMessage());
    }
}
