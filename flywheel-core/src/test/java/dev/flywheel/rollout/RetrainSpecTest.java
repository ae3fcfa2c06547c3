package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.VersionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainSpecTest {
    private static FlywheelConfig config(Map<String, Object> retrain) {
        return FlywheelConfig.from(Map.of("loops", List.of(Map.of("name", "shop", "model", "content-bandit",
                "reward", Map.of("weights", Map.of("click", 1.0)), "rollout", Map.of("retrain", retrain)))));
    }

    private static RetrainSpec retrain(Map<String, Object> retrain) {
        return config(retrain).loop("shop").orElseThrow().rollout().retrain();
    }

    @Test
    void retrainedVersionsAreFrozenUnlessTheLoopSaysOnline() {
        assertEquals(VersionRecord.Mode.FROZEN, retrain(Map.of()).mode());
        assertEquals(VersionRecord.Mode.FROZEN, retrain(Map.of("mode", "frozen")).mode());
        assertEquals(VersionRecord.Mode.ONLINE, retrain(Map.of("mode", "online", "outcomes", 500)).mode());
        assertEquals(VersionRecord.Mode.FROZEN, RetrainSpec.OFF.mode());
    }

    @Test
    void aModeThatIsNeitherNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(Map.of("mode", "sometimes")));
        assertTrue(e.key().endsWith("rollout.retrain.mode"), e.key());
        assertTrue(e.getMessage().contains("frozen or online"), e.getMessage());
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
        ConfigException upper = assertThrows(ConfigException.class, () -> config(Map.of("mode", "ONLINE")));
        assertTrue(upper.key().endsWith("rollout.retrain.mode"), upper.key());
    }
}
