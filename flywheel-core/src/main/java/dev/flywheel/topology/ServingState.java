package dev.flywheel.topology;

import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.InteractionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a server of the distributed shape reads of the stream operators' state, which it does not run
 * itself: the Flink job publishes it as it applies the log, a server reads it (through caches of its
 * own). Everything a decision needs: each loop's feature state, its learner's state, its collaborative
 * models and each user's latest interactions, what each user consumed, the catalog's items in the stream's order, and how far the operators have applied each
 * partition of the log, so a server can wait until what it acknowledged is reflected.
 *
 * <p>Published states are as of a position of the stream; a read returns the newest one published.
 * Reads may come from different publications (one key from one flush, the next key from the next).
 */
public interface ServingState extends AutoCloseable {
    /** Reads of {@code loop}'s feature state, decoded for features that decay with {@code halfLife}. */
    FeatureStateSource features(String loop, Duration halfLife);

    /** The loop's learner state as {@code LoopModel.state()} gave it, or null before the first publication. */
    Published model(String loop);

    /**
     * The loop's latest collaborative models as {@code CollaborativeLearner.publish} gave them
     * ({@code PublishedCollaborative.fromBytes} reads them), or null before the first training.
     */
    Published collaborative(String loop);

    /** The loop's learner status ({@link LoopStatus#fromBytes} reads it), or null before the first publication. */
    Published status(String loop);

    /** The user's latest interactions in {@code loop}, as the collaborative learner keeps them; NONE when none. */
    InteractionHistory history(String loop, String user);

    /** The items {@code user} consumed in {@code loop}, each with the earliest time; empty when none. */
    Map<String, Instant> consumed(String loop, String user);

    /** Catalog entries the operators applied after stream position {@code afterSeq}, in order, at most {@code limit}. */
    List<LogEntry.ItemEntry> items(long afterSeq, int limit);

    /**
     * Per partition of the log topic, the highest offset whose entry the operators had applied when the
     * states read here were published (everything up to it is reflected); empty before the first.
     */
    Map<Integer, Long> applied();

    @Override
    default void close() { }

    /** A state as of the stream position {@code seq} (after the idle that followed it when {@code afterIdle}). */
    record Published(long seq, boolean afterIdle, byte[] bytes) {
        public Published {
            if (bytes == null) throw new IllegalArgumentException("bytes are required");
        }
    }
}
