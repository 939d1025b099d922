package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;

class ChartFormatTest {

    @Test
    void findsFormatsByExtensionInAnyCase() {
        assertEquals(ChartFormat.PNG, ChartFormat.ofName("png"));
        assertEquals(ChartFormat.SVG, ChartFormat.ofName("SVG"));
        assertEquals(ChartFormat.PDF, ChartFormat.ofName("Pdf"));
    }

    @Test
    void unknownFormatIsAUserErrorListingTheKnownOnes() {
        UserInputException e = assertThrows(UserInputException.class, () -> ChartFormat.ofName("jpeg"));
        assertTrue(e.getMessage().contains("'jpeg'"), e.getMessage());
        assertTrue(e.getMessage().contains("png, svg, pdf"), e.getMessage());
        assertThrows(UserInputException.class, () -> ChartFormat.ofName(null));
    }

    @Test
    void fileNameAppendsTheExtension() {
        assertEquals("gantt.svg", ChartFormat.SVG.fileName("gantt"));
        assertEquals("application/pdf", ChartFormat.PDF.mediaType());
    }
}
