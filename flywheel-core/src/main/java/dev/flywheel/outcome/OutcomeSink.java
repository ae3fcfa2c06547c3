package dev.flywheel.outcome;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Buffers outcomes from the {@link OutcomeFeed} and writes them to an {@link OutcomeStore} once per
 * chunk of log entries, since stores write far faster in batches. Registered with the runner so it
 * is told when a chunk ends. Unjoined feedback goes the same way to its {@link UnjoinedStore}.
 */
public final class OutcomeSink implements Consumer<Outcome>, LogConsumer {
    private final OutcomeStore store;
    private final UnjoinedStore unjoinedStore;
    private final List<Outcome> buffer = new ArrayList<>();
    private final List<Unjoined> unjoined = new ArrayList<>();

    public OutcomeSink(OutcomeStore store, UnjoinedStore unjoinedStore) {
        this.store = store;
        this.unjoinedStore = unjoinedStore;
    }

    /** Feedback that joined nothing, kept with its reason. */
    public void unjoined(Unjoined u) {
        unjoined.add(u);
    }

    @Override
    public void accept(Outcome o) {
        buffer.add(o);
    }

    @Override
    public void accept(LogEntry entry) {
        // outcomes come from the feed, not from the log directly
    }

    @Override
    public void flush() {
        if (!buffer.isEmpty()) {
            store.append(List.copyOf(buffer));
            buffer.clear();
        }
        if (!unjoined.isEmpty()) {
            unjoinedStore.append(List.copyOf(unjoined));
            unjoined.clear();
        }
    }
}
