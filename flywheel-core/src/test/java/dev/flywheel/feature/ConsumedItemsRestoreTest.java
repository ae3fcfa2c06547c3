package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Restored consumed items stay in the checkpoint's bytes until a user is asked about (a start reads
 * an index of users, not every item of every user), answer as the items they were written from, and
 * are written back as read; decisions may ask about the same user at once while the runner writes.
 */
class ConsumedItemsRestoreTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static List<LogEntry> ratings(int users, int perUser) {
        List<LogEntry> out = new ArrayList<>();
        long seq = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < perUser; i++) {
                out.add(new LogEntry.EventEntry(seq, seq, new Event("e" + seq, "rating", T.plusSeconds(seq), "u" + u, null, null,
                        null, "i" + (u * 7 + i) % 40, 4.0, null)));
                seq++;
            }
        }
        return out;
    }

    @Test
    void aRestoredUserIsDecodedWhenFirstAskedAboutAndWrittenBackAsRead() throws Exception {
        ConsumedItems before = new ConsumedItems("feed", Set.of("rating"));
        Resumption.feed(before, ratings(50, 6));
        byte[] written = Resumption.bytes(before);
        ConsumedItems resumed = new ConsumedItems("feed", Set.of("rating"));
        resumed.readState(new StateReader(written));
        assertEquals(50, resumed.storedUsers());
        assertEquals(before.consumedBy("u3", T.plusSeconds(1_000)), resumed.consumedBy("u3", T.plusSeconds(1_000)));
        assertEquals(49, resumed.storedUsers(), "only the user asked about was decoded");
        assertArrayEquals(written, Resumption.bytes(resumed));
        // every other user asked about by four decisions at once: each must see the user's items
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<Boolean>> asked = new ArrayList<>();
            for (int u = 0; u < 50; u++) {
                String user = "u" + u;
                Set<String> expected = before.consumedBy(user, T.plusSeconds(1_000));
                for (int k = 0; k < 4; k++) {
                    asked.add(pool.submit(() -> {
                        go.await();
                        return expected.equals(resumed.consumedBy(user, T.plusSeconds(1_000)));
                    }));
                }
            }
            go.countDown();
            for (Future<Boolean> f : asked) assertTrue(f.get(), "a decision saw a user's items while another decoded them");
        } finally {
            pool.shutdown();
        }
        assertEquals(0, resumed.storedUsers());
        assertTrue(resumed.consumed("u4", "i" + (4 * 7) % 40, T.plusSeconds(30)));
        assertFalse(resumed.consumed("u4", "i" + (4 * 7) % 40, T.plusSeconds(23)), "consumed at its own time, not before");
        assertArrayEquals(written, Resumption.bytes(resumed));
    }
}
