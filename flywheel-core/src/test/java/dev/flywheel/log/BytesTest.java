package dev.flywheel.log;

import dev.flywheel.log.internal.ByteCursor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Strings are written as their UTF-8 bytes whether they take the ASCII fast path or not. */
class BytesTest {
    @Test
    void stringsAreLengthPrefixedUtf8() {
        String[] samples = {"", "click", "u-42", "abcdéf", "é", "ascii then ✓ then 𝄞", null};
        Bytes b = new Bytes(16); // small, so both paths have to grow the buffer
        for (String s : samples) b.putString(s);
        ByteCursor c = new ByteCursor(b.array(), 0, b.length());
        for (String s : samples) {
            if (s == null) assertNull(c.getString());
            else assertEquals(s, c.getString());
        }
        Bytes one = new Bytes(16);
        one.putString("abcdéf");
        byte[] utf8 = "abcdéf".getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, ((one.array()[2] & 0xFF) << 8) | (one.array()[3] & 0xFF));
        assertArrayEquals(utf8, Arrays.copyOfRange(one.array(), 4, one.length()));
    }
}
