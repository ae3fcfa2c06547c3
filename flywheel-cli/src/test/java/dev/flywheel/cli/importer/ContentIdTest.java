package dev.flywheel.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Content-derived ids: the reference MurmurHash3, and stable, field-sensitive ids. */
class ContentIdTest {
    @Test
    void hashIsTheReferenceMurmur3x64x128() {
        // the published test vector (also Guava's murmur3_128 of this text)
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        long[] h = ContentId.murmur3(fox, fox.length);
        assertEquals("6c1b07bc7bbc4be347939ac4a93c437a", hex(h[0]) + hex(h[1]));
    }

    @Test
    void idsAreStableAndTellFieldsApart() {
        ContentId c = new ContentId();
        String id = c.start().add("movies").add("1").add("31").add(1_260_759_144_000_000L).add("like").add((Double) null).id();
        assertEquals(id, new ContentId().start().add("movies").add("1").add("31").add(1_260_759_144_000_000L).add("like")
                .add((Double) null).id());
        assertEquals(34, id.length());
        assertNotEquals(id, c.start().add("movies").add("13").add("1").add(1_260_759_144_000_000L).add("like").add((Double) null).id());
        assertNotEquals(c.start().add((String) null).add("a").id(), c.start().add("").add("a").id());
        assertNotEquals(c.start().add("é").id(), c.start().add("e").id());
    }

    private static String hex(long h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) sb.append(String.format("%02x", (h >>> (8 * i)) & 0xFF));
        return sb.toString();
    }
}
