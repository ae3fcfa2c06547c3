package dev.flywheel.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.feature.ConsumedItems;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.topology.UnknownLoops;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operators with small state, checkpointed at several cuts of a mixed log and resumed. */
class SimpleOperatorsResumptionTest {
    private static final List<LogEntry> LOG = Entries.mixed(0, 400);
    private static final int[] CUTS = {0, 1, 57, 200, 399, 400};

    @Test
    void theCatalogResumesWithTheSameItemsVectorsAndOrder() {
        for (int cut : CUTS) Resumption.assertResumesExactly(() -> new CatalogFeed(new Catalog()), LOG, cut);
        Catalog straight = new Catalog();
        Resumption.feed(new CatalogFeed(straight), LOG);
        Catalog before = new Catalog();
        CatalogFeed b = new CatalogFeed(before);
        Resumption.feed(b, LOG.subList(0, 150));
        Catalog resumed = new Catalog();
        CatalogFeed r = new CatalogFeed(resumed);
        r.readState(new StateReader(Resumption.bytes(b)));
        Resumption.feed(r, LOG.subList(150, LOG.size()));
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        assertEquals(straight.offerable(now), resumed.offerable(now));
        for (Catalog.Entry e : straight.all()) {
            assertEquals(e.vector(), resumed.get(e.item().id()).orElseThrow().vector(), e.item().id());
        }
    }

    @Test
    void consumedItemsAndUnknownLoopsResume() {
        for (int cut : CUTS) {
            Resumption.assertResumesExactly(() -> new ConsumedItems("feed", Set.of("click")), LOG, cut);
            Resumption.assertResumesExactly(() -> new UnknownLoops(Set.of("home")), LOG, cut);
        }
        UnknownLoops u = new UnknownLoops(Set.of("home"));
        Resumption.feed(u, LOG.subList(0, 100));
        UnknownLoops resumed = new UnknownLoops(Set.of("home"));
        resumed.readState(new StateReader(Resumption.bytes(u)));
        Resumption.feed(resumed, LOG.subList(100, LOG.size()));
        UnknownLoops straight = new UnknownLoops(Set.of("home"));
        Resumption.feed(straight, LOG);
        assertEquals(straight.counts(), resumed.counts());
    }
}
