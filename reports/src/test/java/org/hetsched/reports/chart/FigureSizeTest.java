package org.hetsched.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FigureSizeTest {

    @Test
    void oneColumnIsThreeAndAHalfInchesSoTenFiftyPixelsAtThreeHundredDpi() {
        assertEquals(252, FigureSize.ONE_COLUMN.widthPt(), 1e-9);
        assertEquals(1050, FigureSize.ONE_COLUMN.widthPx(300));
        assertEquals(750, FigureSize.ONE_COLUMN.heightPx(300));
    }

    @Test
    void twoColumnIsSevenPointOneSixInches() {
        assertEquals(515.52, FigureSize.TWO_COLUMN.widthPt(), 1e-9);
        assertEquals(2149, FigureSize.TWO_COLUMN.widthPx(300)); // 515.52 pt is 1547 chart units
    }

    @Test
    void withHeightKeepsWidthAndFont() {
        FigureSize taller = FigureSize.TWO_COLUMN.withHeightIn(4);
        assertEquals(FigureSize.TWO_COLUMN.widthIn(), taller.widthIn());
        assertEquals(FigureSize.TWO_COLUMN.fontPt(), taller.fontPt());
        assertEquals(288, taller.heightPt(), 1e-9);
    }

    @Test
    void rejectsEmptyOrAbsurdSizes() {
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(0, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(3.5, -1, 8));
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(3.5, Double.NaN, 8));
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(3.5, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(50, 2, 8));
    }
}
