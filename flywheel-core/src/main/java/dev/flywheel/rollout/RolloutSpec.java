package dev.flywheel.rollout;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.model.VersionRecord;
import java.util.Set;

/**
 * A loop's {@code rollout:} section: the split ({@link Allocation}), the salt of the sticky user hash,
 * and whether the loop's first version keeps learning online (today's content bandit) or is frozen
 * as trained, so that a holdout served by it measures what later versions added.
 *
 * @param salt    hashed with each user id; changing it reshuffles every user, so it defaults to the
 *                loop's name and is set only to start a clean experiment
 * @param initial the mode of the version registered when the loop first starts
 * @param retrain what starts a retraining (nothing, by default)
 * @param promotion the sequential tests that end a canary
 */
public record RolloutSpec(Allocation allocation, String salt, VersionRecord.Mode initial, RetrainSpec retrain,
                          PromotionSpec promotion) {
    public RolloutSpec {
        if (allocation == null || salt == null || salt.isBlank() || initial == null || retrain == null || promotion == null) {
            throw new IllegalArgumentException("allocation, salt, initial, retrain and promotion are required");
        }
    }

    public static RolloutSpec from(ConfigTree t, String loop) {
        t.only(Set.of("canary", "holdout", "shadow", "salt", "initial", "retrain", "promotion"));
        double canary = t.number("canary", Allocation.DEFAULT.canary(), 1e-3, 0.5);
        double holdout = t.number("holdout", Allocation.DEFAULT.holdout(), 0, 0.5);
        if (canary + holdout >= 1) throw new ConfigException(t.keyOf("holdout"), "canary + holdout must be below 1");
        String initial = t.string("initial", "online");
        if (!initial.equals("online") && !initial.equals("frozen")) {
            throw new ConfigException(t.keyOf("initial"), "must be online or frozen, got " + initial);
        }
        return new RolloutSpec(new Allocation(canary, holdout, t.bool("shadow", Allocation.DEFAULT.shadow())),
                t.string("salt", loop), initial.equals("online") ? VersionRecord.Mode.ONLINE : VersionRecord.Mode.FROZEN,
                RetrainSpec.from(t.section("retrain")), PromotionSpec.from(t.section("promotion")));
    }
}
