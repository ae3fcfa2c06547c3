package dev.flywheel.kafka;

import dev.flywheel.auth.KeyRing;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.EventTypes;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.server.NoLocalOperators;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.FileKeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * A server of the distributed shape as far as ingest goes: the engine's {@link FlywheelServer} and
 * {@link IngestPipeline}, appending to Kafka through {@link KafkaLogWriter}. It runs no stream
 * operators (the Flink job does) and no materializer; its dedupe set starts from an empty store, as
 * a server that keeps no copy of the log does.
 */
final class KafkaIngestServer implements AutoCloseable {
    private final KafkaLogWriter writer;
    private final DuckDbRecordStore store;
    private final IngestPipeline pipeline;
    private final FlywheelServer server;
    final int port;

    KafkaIngestServer(KafkaSettings kafka, Path dataDir, int port) {
        Clock clock = Clock.systemUTC();
        FlywheelConfig config = FlywheelConfig.defaults().withPort(port);
        writer = KafkaLogWriter.open(kafka);
        store = new DuckDbRecordStore(dataDir.resolve("store.duckdb"));
        pipeline = new IngestPipeline(writer, store, clock, config.ingest());
        FileKeyStore keys = new FileKeyStore(dataDir);
        Admission admission = new Admission(new EventTypes(config.customEventTypes()), clock, config.ingest().maxFutureSkew(),
                null, config.expectations());
        server = new FlywheelServer(new FlywheelServer.Parts(config, clock, writer, store, pipeline.countsAtStart(), pipeline, null,
                admission, keys, new KeyRing(keys, clock), new Catalog(), new NoLocalOperators(new AlertBoard(), Set.of()), Map.of(), null,
                new FlywheelServer.Lifecycle(null, null, null, null, clock::instant, null, null), null, null, Map::of));
        this.port = server.start();
    }

    /** Stops answering, lets the pipeline finish what it queued, then closes the producer. */
    @Override
    public void close() {
        server.close();
        pipeline.close();
        writer.close();
        store.close();
    }
}
