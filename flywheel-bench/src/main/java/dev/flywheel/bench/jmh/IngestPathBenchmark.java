package dev.flywheel.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.event.Event;
import dev.flywheel.event.EventTypes;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IdSet;
import dev.flywheel.log.LogEntry;
import dev.flywheel.json.JsonRecords;
import dev.flywheel.sim.TrafficGenerator;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CPU cost per event of each stage of the ingest path, one batch of 1,000 events (~175 bytes
 * each) per invocation: JSON to tree, tree to validated events, dedupe, and the durable append.
 * Run: {@code java -cp "flywheel-cli/target/lib/*" org.openjdk.jmh.Main IngestPath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestPathBenchmark {
    private static final int N = 1_000;
    private final ObjectMapper json = new ObjectMapper();
    private byte[] body;
    private JsonNode tree;
    private Admission admission;
    private List<Event> events;
    private Path dir;
    private SegmentedFileLog log;
    private long counter;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        TrafficGenerator gen = new TrafficGenerator(1, 10_000, 1_000, Instant.parse("2026-11-26T00:00:00Z"));
        ObjectNode root = json.createObjectNode();
        ArrayNode arr = root.putArray("events");
        for (int i = 0; i < N; i++) arr.add(gen.plainEvent());
        body = json.writeValueAsBytes(root);
        tree = json.readTree(body).get("events");
        admission = new Admission(EventTypes.builtIn(), Clock.systemUTC(), Duration.ofDays(3650));
        events = new ArrayList<>();
        for (JsonNode n : tree) events.add((Event) JsonRecords.event(n, admission).record());
        dir = Files.createTempDirectory("jmh-log");
        log = new SegmentedFileLog(dir, true, 256L << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        log.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public JsonNode parseJsonTree() throws Exception {
        return json.readTree(body);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void readAndValidate(Blackhole bh) {
        for (JsonNode n : tree) bh.consume(JsonRecords.event(n, admission));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int dedupe() {
        IdSet set = new IdSet(N);
        int added = 0;
        for (Event e : events) if (set.add(e.id())) added++;
        return added;
    }

    /** Encode, checksum, write and fsync one group of 1,000 events. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long appendAndSync() {
        long seq = log.nextSeq();
        List<LogEntry> group = new ArrayList<>(N);
        for (Event e : events) group.add(new LogEntry.EventEntry(seq++, counter++, e));
        log.append(group);
        return seq;
    }
}
