package dev.flywheel.ingest;

import dev.flywheel.ingest.internal.IdHash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdSetTest {

    /** add/remove/contains behave like a HashSet through growth and backward-shift deletion. */
    @Property(tries = 200)
    void behavesLikeAHashSet(@ForAll("ops") List<String> ops) {
        IdSet set = new IdSet(4);
        Set<String> model = new HashSet<>();
        for (String op : ops) {
            String id = op.substring(1);
            if (op.charAt(0) == '+') assertEquals(model.add(id), set.add(id), op);
            else assertEquals(model.remove(id), set.remove(id), op);
            assertEquals(model.size(), set.size());
        }
        for (String op : ops) assertEquals(model.contains(op.substring(1)), set.contains(op.substring(1)));
    }

    @Provide
    Arbitrary<List<String>> ops() {
        Arbitrary<String> id = Arbitraries.integers().between(0, 60).map(i -> "id-" + i);
        return Arbitraries.oneOf(id.map(s -> "+" + s), id.map(s -> "-" + s)).list().ofMaxSize(400);
    }

    /**
     * The reference's 128-bit vectors (veorq/SipHash vectors.h, vectors_sip128: key 00..0f, message
     * 00..len-1) for every even length, the message's byte pairs read as UTF-16LE chars.
     */
    @Test
    void theHashIsSipHash24With128BitsOnTheReferenceVectors() {
        String[] expected = {"a3817f04ba25a8e66df67214c7550293", "8177228da4a45dc7fca38bdef60affe4",
            "f88164c12d9c8faf7d0f6e7c7bcd5579", "14eeca338b208613485ea0308fd7a15e", "3b62a9ba6258f5610f83e264f31497b4",
            "00110dc378146956c95447d3f3d0fbba", "d626b266905ef35882634df68532c125", "31fcefac66d7de9c7ec7485fe4494902",
            "6ee2a4ca67b054bbfd3315bf85230577", "a426e5e423bf4885294da481feaef723", "9e25fc833f2290733e9344a5e83839eb",
            "4a29b54552d16b9a469c10528eff0aae", "2db479ae78bd50d8882a8a178a6132ad", "9c0b53b4b3c307e87eaee08678141f66",
            "0664da1668574b88b935f3027358aef4", "ea5c7f471faf6bde2b1ad7d4686d2287", "7c3956ca5eeafc3e363e9d556546eb68",
            "37a6986cb8847edf0925f0f1309b54de", "3dc47d1f29c448461e9e76ed904f6711", "8c03468bca7c669ee4fd5e084bbee7b5",
            "df6a301e95c95dad97ae0cc8c6913bd8", "e617346ac9c231bb3650ae34ccca0c5b", "89237d9ded9c5e78d8b1c9b166cc7342",
            "0e33f96055e7ae893ffc0e3dcf492902", "f7e5aef549f782cf379055a608269b16", "a590d3ee4fbf04e3247e0d27f286423f",
            "2c97325cbd06b36eb2133dd08b3a017c", "dce850110bd8328cfbd50841d6911d87", "1938f2cf72d54ee97e94166fa91d2a36",
            "57fca5de98a9d6d8006438d0583d8a1d", "e3040c00eb28f15366ca73cbd872e740", "5853542321f567a005d547a4f04759bd"};
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        long[] out = new long[2];
        for (int chars = 0; chars < expected.length; chars++) {
            StringBuilder id = new StringBuilder();
            for (int c = 0; c < chars; c++) id.append((char) ((2 * c) | (2 * c + 1) << 8));
            IdHash.hash(id, k0, k1, out);
            java.nio.ByteBuffer tag = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            tag.putLong(out[0]).putLong(out[1]);
            assertEquals(expected[chars], java.util.HexFormat.of().formatHex(tag.array()), (2 * chars) + " bytes");
        }
    }

    /**
     * What broke: the set kept MurmurHash3 x64/128 of each id, whatever the seed a function of the
     * id alone, and two ids a client can compute (a difference in one block that the next cancels)
     * hash alike: the second one's event was taken for a repeat of the first and dropped.
     */
    @Test
    void idsCraftedToCollideUnderMurmurHash3AreTwoIds() {
        String[] pair = MurmurCollision.pair(new java.util.SplittableRandom(11));
        assertNotEquals(pair[0], pair[1]);
        for (int seed : new int[] {0, 42, 0x9747b28c}) {
            var murmur = com.google.common.hash.Hashing.murmur3_128(seed);
            assertEquals(murmur.hashBytes(pair[0].getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
                    murmur.hashBytes(pair[1].getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), "seed " + seed);
        }
        for (int trial = 0; trial < 20; trial++) {
            IdSet set = new IdSet(16);
            assertTrue(set.add(pair[0]));
            assertTrue(set.add(pair[1]), "the second id is not a repeat of the first");
            assertEquals(2, set.size());
        }
    }

    @Test
    void aSetRestoredUnderItsSnapshotsKeyFindsItsIdsAndUnderAnotherNone() {
        IdSet original = new IdSet(16);
        for (int i = 0; i < 1_000; i++) original.add("id-" + i);
        IdSnapshot.HashedIds snapshot = original.snapshot();
        assertFalse(snapshot.toString().contains(Long.toString(snapshot.key0())), "the key stays out of logs: " + snapshot);
        IdSet restored = new IdSet(16);
        restored.useKey(snapshot.key0(), snapshot.key1());
        assertEquals(1_000, restored.addHashes(snapshot.hashes()));
        IdSet unkeyed = new IdSet(16);
        unkeyed.addHashes(snapshot.hashes());
        for (int i = 0; i < 1_000; i++) {
            assertFalse(restored.add("id-" + i), "id-" + i);
            assertTrue(unkeyed.add("id-" + i), "another key hashes id-" + i + " elsewhere");
        }
        assertEquals(1_000, restored.size());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> restored.useKey(1, 2));
        assertTrue(e.getMessage().contains("key"), e.getMessage());
    }

    @Test
    void holdsAMillionIdsWithoutFalseDuplicates() {
        IdSet set = new IdSet(16);
        for (int i = 0; i < 1_000_000; i++) assertTrue(set.add("e" + i));
        assertEquals(1_000_000, set.size());
        assertFalse(set.add("e999999"));
        assertFalse(set.contains("e1000000"));
    }
}
