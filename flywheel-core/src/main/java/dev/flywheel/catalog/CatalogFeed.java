package dev.flywheel.catalog;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;

/**
 * Keeps a {@link Catalog} equal to the latest version of every item in the log, and notes the ids of
 * items that decisions and events name.
 */
public final class CatalogFeed implements LogConsumer, dev.flywheel.state.OperatorState {
    private static final int STATE_VERSION = 1;
    private final Catalog catalog;

    public CatalogFeed(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String stateName() {
        return "catalog";
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(STATE_VERSION);
        catalog.writeState(out);
    }

    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        catalog.readState(in);
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
