package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad configuration stops the job before it is submitted, with the key named. */
class JobSettingsTest {
    @Test
    void theEnginesConfigurationAndTheJobsSettingsAreValidatedWithTheKeyNamed() {
        JobSettings s = JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_interval", "2s", "chunk", 500));
        assertEquals(Duration.ofSeconds(2), s.checkpointInterval());
        assertEquals(500, s.chunk());
        assertEquals(Duration.ofSeconds(10), s.quiet(), "the embedded engine's quiet spell");
        assertEquals("feed", s.flywheel().loops().get(0).name());
        assertEquals("flink.checkpoint_interval", assertThrows(ConfigException.class,
                () -> JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_interval", "0s"))).key());
        assertEquals("flink.chunks", assertThrows(ConfigException.class,
                () -> JobSettings.from(SeededStream.CONFIG, Map.of("chunks", 5))).key());
        ConfigException bad = assertThrows(ConfigException.class, () -> JobSettings.of("loops:\n  - name: feed\n    k: -3\n"));
        assertEquals("loops[0].k", bad.key());
        assertEquals("(root)", assertThrows(ConfigException.class, () -> JobSettings.of("- a list")).key());
    }

    @Test
    void featureStatesAreDrainedEveryHalfSecondUnlessSetAndTheIntervalMustBePositive() {
        assertEquals(Duration.ofMillis(500), JobSettings.of(SeededStream.CONFIG).featureFlush());
        assertEquals(Duration.ofMillis(50), JobSettings.from(SeededStream.CONFIG, Map.of("feature_flush", "50ms")).featureFlush());
        assertEquals("flink.feature_flush", assertThrows(ConfigException.class,
                () -> JobSettings.from(SeededStream.CONFIG, Map.of("feature_flush", "0ms"))).key());
    }

    @Test
    void aNewBaseOnceTheChangeSetsReachTwiceItUnlessSetAndTheShareIsBounded() {
        assertEquals(2.0, JobSettings.of(SeededStream.CONFIG).checkpointRebase());
        assertEquals(0.0, JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_rebase", 0)).checkpointRebase());
        assertEquals(0.5, JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_rebase", 0.5)).checkpointRebase());
        assertEquals("flink.checkpoint_rebase", assertThrows(ConfigException.class,
                () -> JobSettings.from(SeededStream.CONFIG, Map.of("checkpoint_rebase", -0.1))).key());
        assertEquals("flink.checkpoint_rebase", assertThrows(ConfigException.class,
                () -> JobSettings.of(SeededStream.CONFIG).withCheckpointRebase(Double.NaN)).key());
    }
}
