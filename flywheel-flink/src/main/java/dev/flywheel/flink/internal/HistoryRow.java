package dev.flywheel.flink.internal;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;

/**
 * What the history sink receives, one of two: an entry the topology applied (numbered), or the
 * features served with a decision. One stream of both, so one committable per checkpoint holds the
 * epoch's entries and their decisions' features.
 */
public record HistoryRow(LogEntry entry, ServedFeatures served) {
    public static HistoryRow of(LogEntry e) {
        return new HistoryRow(e, null);
    }

    public static HistoryRow of(ServedFeatures f) {
        return new HistoryRow(null, f);
    }
}
