package dev.flywheel.model;

import java.time.Instant;
import java.util.List;

/**
 * One row of a training snapshot: a served item of a decision with its features as of the
 * decision and its closed outcome.
 *
 * @param version    the model version that served it
 * @param propensity the probability the serving policy showed the item there
 * @param reactions  the event types seen for the item inside the attribution window
 * @param reward     the loop's reward for the item
 * @param ignored    no reaction in the window earned anything
 */
public record TrainingRow(long seq, String decision, String user, Instant decidedAt, String version, String arm,
                          int position, String item, double propensity, double[] features, List<String> reactions,
                          double reward, boolean ignored) {
    public TrainingRow {
        features = features.clone();
        reactions = List.copyOf(reactions);
    }
}
