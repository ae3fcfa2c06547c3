package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.VersionRecord.Mode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionRecordTest {
    private static final Instant T = Instant.parse("2026-05-01T00:00:00Z");
    private static final String SNAP = "a".repeat(64);
    private static final String STATE = "b".repeat(64);

    private static VersionRecord of(String dataset, Mode mode, String state, Long learnsAfter) {
        return new VersionRecord("shop", "v2", "content-bandit", Map.of(), dataset, "dev", "v1", "manual", mode, T, Map.of(),
                state, learnsAfter);
    }

    @Test
    void theThreeKindsAreToldApartByModeAndState() {
        VersionRecord live = of(null, Mode.ONLINE, null, null);
        assertTrue(live.liveLearner());
        assertFalse(live.retrainedOnline());
        VersionRecord retrained = of(SNAP, Mode.ONLINE, STATE, 41L);
        assertTrue(retrained.retrainedOnline());
        assertFalse(retrained.liveLearner());
        VersionRecord frozen = of(SNAP, Mode.FROZEN, STATE, null);
        assertFalse(frozen.liveLearner() || frozen.retrainedOnline());
        assertTrue(of(SNAP, Mode.ONLINE, STATE, null).retrainedOnline(), "before the registry sets its position");
    }

    @Test
    void aPositionBelongsOnlyToAnOnlineVersionWithASnapshotAndAState() {
        assertMessage("dataset", () -> of(null, Mode.ONLINE, STATE, 3L));
        assertMessage("learnsAfter", () -> of(SNAP, Mode.FROZEN, STATE, 3L));
        assertMessage("learnsAfter", () -> of(null, Mode.ONLINE, null, 3L));
        assertMessage("learnsAfter", () -> of(SNAP, Mode.ONLINE, STATE, -2L));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(field), x.getMessage());
    }
}
