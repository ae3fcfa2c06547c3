package dev.flywheel.cli.importer;

import dev.flywheel.cli.engine.Engine;
import dev.flywheel.cli.engine.EngineStorage;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IngestStats;
import dev.flywheel.log.LogException;
import dev.flywheel.log.Rejected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads a product's history into a data directory through the same ingest pipeline the HTTP API
 * writes through (dedupe by id, durable group commit, quarantine). Every file is read and mapped
 * before the first record is written, so a mapping that does not fit its file stores nothing.
 * Items go first, then events and decisions merged in time order, then the quarantine entries.
 */
public final class Importer {
    /** Records per pipeline batch, and batches in flight: big enough to amortise each group commit's sync. */
    static final int BATCH = 20_000;
    static final int IN_FLIGHT = 4;
    private static final int SAMPLES = 5;
    private static final long STORE_TIMEOUT_MILLIS = 3_600_000;

    /** The command line: each file optional (at least one given), {@code format} and {@code mapping} too. */
    public record Request(Path events, Path items, Path decisions, String format, Path mapping) { }

    /** Where progress goes: a line per phase, and rows done of a total while events are written. */
    public interface Listener {
        void phase(String message);

        void progress(long done, long total);

        void finished();
    }

    private final EngineStorage storage;
    private final Admission admission;
    private final Listener listener;

    public Importer(EngineStorage storage, FlywheelConfig config, Clock clock, Listener listener) {
        this.storage = storage;
        // as the engine builds it, so a record is admitted here exactly when the HTTP API admits it
        this.admission = Engine.admission(config, clock);
        this.listener = listener;
    }

    public ImportReport run(Request req) {
        MappingFile mapping = MappingFile.load(req.mapping());
        SourceFormat format = req.format() == null ? null : SourceFormat.parse(req.format(), "--format");
        long t0 = System.nanoTime();
        try (DuckInput db = new DuckInput()) {
            ItemImport items = req.items() == null ? null : readItems(db, req, mapping, format);
            EventImport events = req.events() == null ? null : readEvents(db, req, mapping, format);
            DecisionFile decisions = req.decisions() == null ? DecisionFile.none() : readDecisions(req.decisions());
            ImportReport report = write(items, events, decisions, t0);
            if (events != null) events.drop();
            if (items != null) items.drop();
            return report;
        } catch (SQLException e) {
            throw new IllegalArgumentException("reading the input failed: " + Sql.firstLine(e), e);
        }
    }

    private EventImport readEvents(DuckInput db, Request req, MappingFile mapping, SourceFormat format) throws SQLException {
        SourceOptions opts = mapping.events() == null ? SourceOptions.defaults() : mapping.events().source();
        listener.phase("reading " + req.events());
        long t = System.nanoTime();
        EventImport events = EventImport.read(db, source(req.events(), "events", "--events", opts, format), mapping.events());
        listener.phase(String.format(java.util.Locale.ROOT, "read and mapped %,d rows in %.1f s; sorting them by time",
                events.rows(), (System.nanoTime() - t) / 1e9));
        return events;
    }

    private ItemImport readItems(DuckInput db, Request req, MappingFile mapping, SourceFormat format) throws SQLException {
        listener.phase("reading " + req.items());
        SourceOptions opts = mapping.items() == null ? SourceOptions.defaults() : mapping.items().source();
        return ItemImport.read(db, source(req.items(), "items", "--items", opts, format), mapping.items());
    }

    private DecisionFile readDecisions(Path file) {
        exists(file, "--decisions");
        try {
            return DecisionFile.read(file, admission);
        } catch (IOException e) {
            throw new IllegalArgumentException("--decisions: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SourceTable source(Path file, String name, String option, SourceOptions opts, SourceFormat format) {
        exists(file, option);
        return new SourceTable(file, opts.formatFor(file, format, option), opts, name, option);
    }

    private static void exists(Path file, String option) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(option + ": no such file: " + file);
        try {
            if (Files.size(file) == 0) throw new IllegalArgumentException(option + ": " + file + " is empty");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ImportReport write(ItemImport items, EventImport events, DecisionFile decisions, long t0) throws SQLException {
        IngestStats stats = storage.pipeline().stats();
        long events0 = stats.eventsAccepted.sum();
        long decisions0 = stats.decisionsAccepted.sum();
        Submitter out = new Submitter(storage.pipeline(), BATCH, IN_FLIGHT);
        List<ImportReport.Sample> samples;
        storage.materializer().defer(true);
        try {
            samples = submitAll(out, items, events, decisions);
        } finally {
            storage.materializer().defer(false);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long eventsAccepted = stats.eventsAccepted.sum() - events0;
        long decisionsAccepted = stats.decisionsAccepted.sum() - decisions0;
        Counts ev = events == null ? Counts.NONE
                : new Counts(events.rows(), eventsAccepted, events.events() - eventsAccepted, events.rejectedRows());
        Counts dec = new Counts(decisions.read(), decisionsAccepted, decisions.accepted() - decisionsAccepted,
                decisions.rejected().size());
        return new ImportReport(ev, items == null ? Counts.NONE : items.counts(), dec, seconds, awaitStore(), samples);
    }

    /**
     * Items, then events with decisions merged in, then the quarantine entries; returns the first few
     * of those once everything is durable.
     */
    private List<ImportReport.Sample> submitAll(Submitter out, ItemImport items, EventImport events, DecisionFile decisions)
            throws SQLException {
        if (items != null) {
            try (Connection c = storage.store().connect()) {
                items.submit(out, StoredItems.load(c));
            }
        }
        if (events != null) {
            long total = events.rows();
            events.submit(out, decisions, admission, done -> listener.progress(done, total));
            listener.finished();
        } else {
            decisions.takeRest(out::add);
        }
        List<ImportReport.Sample> samples = new ArrayList<>();
        Consumer<Rejected> quarantine = r -> {
            if (samples.size() < SAMPLES) samples.add(ImportReport.Sample.of(r));
            out.reject(r);
        };
        if (items != null) items.quarantine(quarantine);
        if (events != null) events.quarantine(quarantine);
        decisions.rejected().forEach(quarantine);
        out.finish();
        return samples;
    }

    /** Waits for the store to hold everything, so a query right after the import sees all of it. */
    private double awaitStore() {
        listener.phase("waiting for the store to catch up with the log");
        long t = System.nanoTime();
        if (!storage.materializer().awaitCurrent(STORE_TIMEOUT_MILLIS)) {
            throw new LogException("the store did not catch up with the log within an hour; it continues on the next start");
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
