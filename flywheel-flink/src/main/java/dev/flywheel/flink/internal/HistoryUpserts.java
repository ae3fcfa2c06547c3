package dev.flywheel.flink.internal;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.History;
import dev.flywheel.flink.Upserts;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.List;

/** The rows of one epoch's history committable, handed to a {@link History} as its entries and served features. */
public final class HistoryUpserts implements Upserts<HistoryRow> {
    private final History history;

    public HistoryUpserts(History history) {
        this.history = history;
    }

    @Override
    public void upsert(List<HistoryRow> rows) {
        List<LogEntry> entries = new ArrayList<>();
        List<ServedFeatures> served = new ArrayList<>();
        for (HistoryRow r : rows) {
            if (r.entry() != null) entries.add(r.entry()); else served.add(r.served());
        }
        if (!entries.isEmpty()) history.write(entries, served);
    }

    @Override
    public void close() {
        try {
            history.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the history: " + e.getMessage(), e);
        }
    }
}
