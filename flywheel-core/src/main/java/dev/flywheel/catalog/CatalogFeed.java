package dev.flywheel.catalog;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;

/**
 * Keeps a {@link Catalog} equal to the latest version of every item in the log, and notes the ids of
 * items that decisions and events name.
 */
public final class CatalogFeed implements LogConsumer {
    private final Catalog catalog;

    public CatalogFeed(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void accept(LogEntry entry) {
        if (entry instanceof LogEntry.ItemEntry i) {
            catalog.put(i.item());
        } else if (entry instanceof LogEntry.EventEntry e && e.event().item() != null) {
            catalog.noteSeen(e.event().item());
        } else if (entry instanceof LogEntry.DecisionEntry d) {
            d.decision().items().forEach(s -> catalog.noteSeen(s.item()));
        }
    }
}
