package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.Event;
import dev.flywheel.ingest.IngestBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deferred materializer leaves the store alone until someone waits for it, then catches up fully. */
class MaterializerDeferTest {
    @TempDir
    Path dir;

    @Test
    void deferredStoreCatchesUpOnlyWhenAwaited() throws Exception {
        try (EngineStorage s = EngineStorage.open(dir, FlywheelConfig.defaults(), Clock.systemUTC())) {
            s.materializer().defer(true);
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                events.add(new Event("e" + i, "click", Instant.parse("2024-01-01T00:00:00Z"), "u", null, null, null, null, null, null));
            }
            s.pipeline().submit(new IngestBatch(events, List.of())).join();
            Thread.sleep(300); // well past the 20 ms after which an idle log is applied when not deferred
            assertEquals(0, s.store().counts().events());
            assertTrue(s.materializer().awaitCurrent(10_000));
            assertEquals(1_000, s.store().counts().events());
        }
    }
}
