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
public final class OutcomeSink implements Consumer<Outcome>, LogConsumer, dev.flywheel.state.OperatorState {
    private final OutcomeStore store;
    private final UnjoinedStore unjoinedStore;
    private final List<Outcome> buffer = new ArrayList<>();
    private final List<Unjoined> unjoined = new ArrayList<>();
    /** Rows written to each store so far: a checkpoint taken between chunks holds exactly these. */
    private long outcomesWritten;
    private long unjoinedWritten;

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
            outcomesWritten += buffer.size();
            buffer.clear();
        }
        if (!unjoined.isEmpty()) {
            unjoinedStore.append(List.copyOf(unjoined));
            unjoinedWritten += unjoined.size();
            unjoined.clear();
        }
    }

    /** A start without a checkpoint: the replay writes every row again, so none is kept. */
    public void startFresh() {
        store.keepFirst(0);
        unjoinedStore.keepFirst(0);
    }

    @Override
    public String stateName() {
        return "outcome-sink";
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        if (!buffer.isEmpty() || !unjoined.isEmpty()) throw new IllegalStateException("checkpoint between chunks only");
        out.putInt(1).putLong(outcomesWritten).putLong(unjoinedWritten);
    }

    /** Keeps the rows written up to the checkpoint and drops those written after it: the replay writes them again. */
    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), 1);
        outcomesWritten = in.getLong();
        unjoinedWritten = in.getLong();
        store.keepFirst(outcomesWritten);
        unjoinedStore.keepFirst(unjoinedWritten);
    }
}
