package dev.flywheel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void handlesQuotesEscapedQuotesEmbeddedBreaksAndCrlf() {
        String text = "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"line\r\nbreak\",\r\n,,\n3,4,5";
        List<String[]> rows = CsvReader.parse(text);
        assertEquals(5, rows.size());
        assertArrayEquals(new String[] {"a", "b", "c"}, rows.get(0));
        assertArrayEquals(new String[] {"1", "x, y", "say \"hi\""}, rows.get(1));
        assertArrayEquals(new String[] {"2", "line\r\nbreak", ""}, rows.get(2));
        assertArrayEquals(new String[] {"", "", ""}, rows.get(3));
        assertArrayEquals(new String[] {"3", "4", "5"}, rows.get(4));
    }

    @Test
    void trailingLineBreakDoesNotAddARecordAndCrAloneEndsARecord() {
        assertEquals(2, CsvReader.parse("a,b\r\n1,2\r\n").size());
        assertArrayEquals(new String[] {"1", "2"}, CsvReader.parse("a,b\r1,2\r").get(1));
    }

    @Test
    void unbalancedQuoteIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvReader.parse("a\n\"x"));
        assertEquals("CSV ends inside a quoted field (unbalanced '\"')", e.getMessage());
    }
}
