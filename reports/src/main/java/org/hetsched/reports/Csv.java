package org.hetsched.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every CSV file hetsched writes or reads, through one library (Jackson's CSV format): RFC 4180
 * with a header row, cells given as text (so numbers keep the formatting their table chose), a
 * cell quoted only when it has to be — when it holds a comma, a double quote or a line break — with
 * quotes inside doubled. Stateless and thread-safe.
 *
 * <p>Jackson's strict quoting check (2.17) takes only the first character of the line separator for
 * a line break, so it would leave a bare LF unquoted in a CRLF file and a bare CR in an LF file;
 * a row with such a cell is therefore written with every cell quoted, which reads back the same.
 */
public final class Csv {
    /** How lines end: CRLF as RFC 4180 says (the tables people open), or LF (sweep results). */
    public enum LineEnd {
        CRLF("\r\n", '\n'), LF("\n", '\r');

        private final String text;
        /** The line-break character Jackson's strict check does not see with this line end. */
        private final char unseenBreak;

        LineEnd(String text, char unseenBreak) {
            this.text = text;
            this.unseenBreak = unseenBreak;
        }
    }

    /** One record read: the line it starts on (1-based) and its cells. */
    public record Row(int line, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvMapper READER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private Csv() {
    }

    /**
     * The CSV text of a header and rows, each line ended by {@code end}. Rows need not have as many
     * cells as the header (a caller's table decides its shape). O(total text).
     */
    public static String write(List<String> header, List<? extends List<String>> rows, LineEnd end) {
        ObjectWriter minimal = MAPPER.writerFor(String[].class)
                .with(CsvSchema.emptySchema().withLineSeparator(end.text))
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        ObjectWriter quoted = minimal.with(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        StringBuilder out = new StringBuilder();
        try {
            List<List<String>> lines = new ArrayList<>(rows.size() + 1);
            lines.add(header);
            lines.addAll(rows);
            for (List<String> line : lines) {
                ObjectWriter w = line.stream().anyMatch(c -> c.indexOf(end.unseenBreak) >= 0) ? quoted : minimal;
                out.append(w.writeValueAsString(line.toArray(String[]::new)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV text to memory", e);
        }
        return out.toString();
    }

    /**
     * The records of CSV text (header included, as the first), with either line end; an empty line
     * (or one holding a single empty cell) is no record. Quoted cells may hold commas, quotes and line breaks.
     *
     * @throws IllegalArgumentException if the text is not CSV (e.g. text after a closing quote),
     *     naming the line and column
     */
    public static List<Row> read(String text) {
        return read(text, false);
    }

    /**
     * {@link #read(String)}, where with {@code hashComments} a line starting with {@code #} is a
     * comment, not a record (for files people write by hand; hetsched's own files have none, as a
     * name may start with {@code #}).
     */
    public static List<Row> read(String text, boolean hashComments) {
        List<Row> rows = new ArrayList<>();
        try (CsvParser p = (CsvParser) READER.getFactory().createParser(text)) {
            if (hashComments) p.setSchema(CsvSchema.emptySchema().withComments());
            if (p.nextToken() != JsonToken.START_ARRAY) return rows;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                List<String> cells = new ArrayList<>();
                int line = -1;
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    if (line < 0) line = p.currentTokenLocation().getLineNr();
                    cells.add(p.getText());
                }
                if (cells.size() == 1 && cells.get(0).isEmpty()) continue;
                rows.add(new Row(line, cells));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CSV text from memory", e);
        }
        return rows;
    }
}
