package dev.flywheel.model.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.ModelStore;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ModelStore} adapter must do. */
public abstract class ModelStoreContract {
    @TempDir
    protected Path dir;

    protected abstract ModelStore open(Path dir);

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void aStateIsStoredUnderTheSha256OfItsBytesAndSurvivesReopening() throws Exception {
        byte[] state = bytes(100_000, 7);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state));
        String id = open(dir).put(state);
        assertEquals(expected, id);
        ModelStore again = open(dir);
        assertTrue(again.contains(id));
        assertArrayEquals(state, again.get(id));
        assertEquals(id, again.put(state.clone()), "the same bytes keep the same id");
    }

    @Test
    void anUnknownStateIsNotFound() {
        ModelStore s = open(dir);
        String absent = "ab".repeat(32);
        assertFalse(s.contains(absent));
        assertThrows(NoSuchElementException.class, () -> s.get(absent));
        assertThrows(NoSuchElementException.class, () -> s.get("../etc/passwd"));
    }
}
