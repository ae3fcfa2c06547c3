package dev.flywheel.topology.internal;

import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.log.LogEntry;
import dev.flywheel.topology.ServingState;
import java.util.List;

/**
 * Keeps a server's catalog equal to the items the stream operators applied: reads
 * {@link ServingState#items} after the last position it took, in the stream's order, into a
 * {@link CatalogFeed} (so vectors are built as the operators built them). One poller per catalog;
 * {@link #poll} is called by one thread at a time.
 */
public final class CatalogPoll {
    private static final int PAGE = 1000;
    private final ServingState state;
    private final CatalogFeed feed;
    private long after = -1;

    public CatalogPoll(ServingState state, CatalogFeed feed) {
        this.state = state;
        this.feed = feed;
    }

    /** Takes every item published since the last poll; returns how many. */
    public synchronized int poll() {
        int taken = 0;
        while (true) {
            List<LogEntry.ItemEntry> page = state.items(after, PAGE);
            for (LogEntry.ItemEntry e : page) {
                feed.accept(e);
                after = e.seq();
            }
            taken += page.size();
            if (page.size() < PAGE) return taken;
        }
    }

    /** The stream position of the last item taken, -1 before any. */
    public synchronized long after() {
        return after;
    }
}
