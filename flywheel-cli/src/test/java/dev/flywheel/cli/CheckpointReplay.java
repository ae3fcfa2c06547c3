package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an engine that restarted many times must hold: the state of a topology of the same
 * configuration that applies the whole log in one pass and pauses (idles) at each position where the
 * engine started, since a start closes the windows that have ended as a pause does. Collaborative
 * models are off in {@link #CONFIG}: they train on their own thread, at times no replay can repeat;
 * the autopilot does not tick, so nothing but the log changes the state.
 */
final class CheckpointReplay {
    static final String CONFIG = """
            log: {fsync: false, checkpoint_entries: 40, checkpoint_interval: 0s}
            autopilot: {tick: 0s}
            loops:
              - name: feed
                reward: {weights: {like: 1.0, click: 0.1, dislike: -1.0}}
                collaborative: {enabled: false}
                quality: {enabled: true}
            """;

    private CheckpointReplay() { }

    static Path config(Path dir) throws java.io.IOException {
        Path config = dir.resolve("flywheel.yaml");
        Files.writeString(config, CONFIG);
        return config;
    }

    /** Asserts {@code checkpoint} is taken at the last pause and holds, operator by operator, what the replay holds. */
    static void assertEqualsReplay(Path data, FlywheelConfig cfg, List<Long> pauses, Checkpoint checkpoint) {
        assertEquals(pauses.get(pauses.size() - 1).longValue(), checkpoint.seq(), "the clean stop's checkpoint is at the log's end");
        Map<String, byte[]> expected = replay(data, cfg, pauses);
        Map<String, byte[]> actual = withoutSink(checkpoint.states());
        assertEquals(expected.keySet(), actual.keySet());
        List<String> differ = new ArrayList<>();
        expected.forEach((op, bytes) -> {
            byte[] a = actual.get(op);
            if (!java.util.Arrays.equals(bytes, a)) differ.add(op + " (" + bytes.length + " vs " + a.length + " bytes, first difference at "
                    + java.util.Arrays.mismatch(bytes, a) + ")");
        });
        assertEquals(List.of(), differ, "operators whose state differs from the replay's");
        expected.forEach((op, bytes) -> assertArrayEquals(bytes, actual.get(op), op));
    }

    private static Map<String, byte[]> withoutSink(Map<String, byte[]> states) {
        Map<String, byte[]> out = new TreeMap<>(states);
        out.remove("outcome-sink"); // counts rows of tables a replay in memory does not write
        return out;
    }

    private static Map<String, byte[]> replay(Path data, FlywheelConfig cfg, List<Long> pauses) {
        Topology t = Topology.build(cfg.loops(), new Catalog(), null, false, null, cfg.expectations());
        Set<Long> idleAt = new HashSet<>(pauses);
        try (SegmentedFileLog log = new SegmentedFileLog(data.resolve("log"), false, 256L << 20); var reader = log.reader(0)) {
            long end = log.nextSeq() - 1;
            if (idleAt.contains(-1L)) t.idle();
            long[] seq = {-1};
            while (seq[0] < end) {
                reader.poll(1, e -> {
                    for (LogConsumer op : t.operators()) op.accept(e);
                    seq[0] = e.seq();
                });
                t.operators().forEach(LogConsumer::flush);
                if (idleAt.contains(seq[0])) t.idle();
            }
        }
        return withoutSink(Checkpoint.of(0, Instant.EPOCH, t.stateHolders()).states());
    }
}
