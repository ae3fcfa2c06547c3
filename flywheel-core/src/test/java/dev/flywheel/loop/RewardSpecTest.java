package dev.flywheel.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardSpecTest {
    private static ConfigTree loop(Map<String, ?> m) {
        return new ConfigTree("loops.home-feed", m);
    }

    @Test
    void readsWeightsIgnoreDwellAndWindow() {
        RewardSpec r = RewardSpec.from(loop(Map.of("window", "30m", "reward", Map.of(
                "weights", Map.of("like", 1, "click", 0.2, "dislike", -1),
                "ignore", -0.05, "dwell_per_second", 0.01, "dwell_cap_seconds", 60))));
        assertEquals(Map.of("like", 1.0, "click", 0.2, "dislike", -1.0), r.weights());
        assertEquals(-0.05, r.ignore());
        assertEquals(Duration.ofMinutes(30), r.window());
        assertEquals(0.2, r.contribution("click", null));
        assertEquals(0.0, r.contribution("impression", null));
        // 45 s under the cap earns 0.45; 600 s is capped at 60 s → 0.6
        assertEquals(0.45, r.contribution("dwell", 45.0), 1e-12);
        assertEquals(0.6, r.contribution("dwell", 600.0), 1e-12);
    }

    @Test
    void errorsNameTheKey() {
        var bad = assertThrows(ConfigException.class, () -> RewardSpec.from(loop(Map.of(
                "reward", Map.of("weights", Map.of("like", "lots"))))));
        assertEquals("loops.home-feed.reward.weights.like", bad.key());
        var type = assertThrows(ConfigException.class, () -> RewardSpec.from(loop(Map.of(
                "reward", Map.of("weights", Map.of("Like", 1))))));
        assertEquals("loops.home-feed.reward.weights.Like", type.key());
        var typo = assertThrows(ConfigException.class, () -> RewardSpec.from(loop(Map.of(
                "reward", Map.of("ignor", -0.1)))));
        assertEquals("loops.home-feed.reward.ignor", typo.key());
        var cap = assertThrows(ConfigException.class, () -> RewardSpec.from(loop(Map.of(
                "reward", Map.of("dwell_per_second", -1)))));
        assertEquals("loops.home-feed.reward.dwell_per_second", cap.key());
        var window = assertThrows(ConfigException.class, () -> RewardSpec.from(loop(Map.of("window", "0s"))));
        assertEquals("loops.home-feed.window", window.key());
    }

    @Test
    void constructorRefusesNonsense() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RewardSpec(Map.of("like", Double.NaN), 0, 0, 0, Duration.ofMinutes(1)));
        assertEquals("weights.like must be a finite number", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RewardSpec(Map.of(), 0, 0, 0, Duration.ZERO));
    }
}
