package dev.flywheel.topology;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.catalog.Item;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link Topology} in process without a log, a runner or a server, like Kafka Streams'
 * {@code TopologyTestDriver}: records piped in become log entries with the next seq and pass through
 * every operator in the topology's order; decisions asked of a loop are logged the way the HTTP API
 * logs them; outcomes and unjoined feedback are collected for assertions.
 */
public final class TopologyTestDriver {
    private final Topology topology;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Unjoined> unjoined = new ArrayList<>();
    private long seq;
    private long decisions;

    public TopologyTestDriver(List<LoopSpec> loops) {
        this.topology = Topology.build(loops, new Catalog(), new OutcomeSink(new Outcomes(), new UnjoinedList()), true);
    }

    /** A driver for loops given as config sections (maps, as YAML would give them). */
    public static TopologyTestDriver of(List<Map<String, Object>> loopSections) {
        List<LoopSpec> specs = new ArrayList<>();
        for (int i = 0; i < loopSections.size(); i++) specs.add(LoopSpec.from(new ConfigTree("loops[" + i + "]", loopSections.get(i))));
        return new TopologyTestDriver(specs);
    }

    public Topology topology() {
        return topology;
    }

    public Catalog catalog() {
        return topology.catalog();
    }

    /** Passes records through every operator in order, as one chunk of the log. */
    public void pipe(LoggedRecord... records) {
        pipe(List.of(records));
    }

    public void pipe(List<? extends LoggedRecord> records) {
        for (LoggedRecord r : records) {
            LogEntry entry = entry(seq++, r);
            for (LogConsumer op : topology.operators()) op.accept(entry);
        }
        topology.operators().forEach(LogConsumer::flush);
    }

    /** {@code records} as log entries with dense seqs from 0, as the log would hold them. */
    public static List<LogEntry> entries(List<? extends LoggedRecord> records) {
        List<LogEntry> out = new ArrayList<>(records.size());
        for (LoggedRecord r : records) out.add(entry(out.size(), r));
        return out;
    }

    private static LogEntry entry(long seq, LoggedRecord r) {
        if (r instanceof Event e) return new LogEntry.EventEntry(seq, 0, e);
        if (r instanceof Decision d) return new LogEntry.DecisionEntry(seq, 0, d);
        return new LogEntry.ItemEntry(seq, 0, (Item) r);
    }

    /** The input paused: open windows close, batch models train on what came (see {@link Topology#idle}). */
    public void idle() {
        topology.idle();
    }

    /** Event time reached {@code watermark}: windows that ended by then close (see {@link Topology#advanceTo}). */
    public void advanceTo(Instant watermark) {
        topology.advanceTo(watermark);
        topology.operators().forEach(LogConsumer::flush);
    }

    /** Asks the loop's policy, and logs the decision when the request says so, as the HTTP API does. */
    public Choice decide(DecideRequest request, Instant now) {
        Choice c = topology.loop(request.loop()).policy().decide(request, now);
        if (request.log()) pipe(c.decision("d" + decisions++, request, now));
        return c;
    }

    /** The decision id the last logged {@link #decide} got. */
    public String lastDecisionId() {
        return "d" + (decisions - 1);
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Unjoined> unjoined() {
        return List.copyOf(unjoined);
    }

    private final class Outcomes implements OutcomeStore {
        @Override
        public void append(List<Outcome> rows) {
            outcomes.addAll(rows);
        }

        @Override
        public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
            return outcomes.stream().filter(o -> o.loop().equals(loop) && !o.decidedAt().isBefore(from)
                    && o.decidedAt().isBefore(to)).limit(limit).toList();
        }

        @Override
        public void keepFirst(long n) {
            while (outcomes.size() > n) outcomes.remove(outcomes.size() - 1);
        }
    }

    private final class UnjoinedList implements UnjoinedStore {
        @Override
        public void append(List<Unjoined> rows) {
            unjoined.addAll(rows);
        }

        @Override
        public Map<Unjoined.Reason, Long> counts() {
            Map<Unjoined.Reason, Long> out = new EnumMap<>(Unjoined.Reason.class);
            for (Unjoined u : unjoined) out.merge(u.reason(), 1L, Long::sum);
            return out;
        }

        @Override
        public List<Unjoined> query(Unjoined.Reason reason, int limit) {
            return unjoined.stream().filter(u -> reason == null || u.reason() == reason).limit(limit).toList();
        }

        @Override
        public void keepFirst(long n) {
            while (unjoined.size() > n) unjoined.remove(unjoined.size() - 1);
        }
    }
}
