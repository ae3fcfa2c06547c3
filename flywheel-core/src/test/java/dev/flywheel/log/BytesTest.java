package dev.flywheel.log;

import dev.flywheel.log.internal.ByteCursor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Strings are written as their UTF-8 bytes whether they take the ASCII fast path or not; values
 * written in bulk are the bytes the one-at-a-time writes give, and read back bit for bit.
 */
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

    @Test
    void bulkValuesAreTheSingleValuesBytesAndKeepEveryBit() {
        float[] floats = {0f, -0f, 1.5f, Float.intBitsToFloat(0x7fc01234), Float.NaN, Float.MIN_VALUE, -3e38f};
        double[] doubles = {0, -0.0, Math.PI, Double.longBitsToDouble(0x7ff8000000abcdefL), Double.NEGATIVE_INFINITY};
        int[] ints = {0, -1, Integer.MIN_VALUE, 123_456_789};
        long[] longs = {0, -1, Long.MIN_VALUE, 1L << 40};
        Bytes bulk = new Bytes(16);
        bulk.putFloats(floats, 1, floats.length - 1);
        bulk.putDoubles(doubles, 0, doubles.length);
        bulk.putInts(ints, 0, ints.length);
        bulk.putLongs(longs, 2, 2);
        Bytes single = new Bytes(16);
        for (int i = 1; i < floats.length; i++) single.putInt(Float.floatToRawIntBits(floats[i]));
        for (double d : doubles) single.putDouble(d);
        for (int v : ints) single.putInt(v);
        single.putLong(longs[2]);
        single.putLong(longs[3]);
        assertArrayEquals(Arrays.copyOf(single.array(), single.length()), Arrays.copyOf(bulk.array(), bulk.length()));
        // read back as a checkpoint's state is
        dev.flywheel.state.StateReader c = new dev.flywheel.state.StateReader(bulk.array(), 0, bulk.length());
        float[] f = c.getFloats(floats.length - 1);
        for (int i = 1; i < floats.length; i++) assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(f[i - 1]));
        double[] d = c.getDoubles(doubles.length);
        for (int i = 0; i < doubles.length; i++) assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits(d[i]));
        assertArrayEquals(ints, c.getInts(ints.length));
        assertArrayEquals(new long[] {longs[2], longs[3]}, c.getLongs(2));
        assertEquals(true, c.atEnd());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> c.getLongs(1), "past the end");
    }
}
