package dev.flywheel.cli.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.FieldError;
import dev.flywheel.ingest.Admission;
import dev.flywheel.log.Rejected;
import dev.flywheel.json.JsonRecords;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decisions as JSON lines, one decision per line in the format of {@code POST /v1/decisions},
 * validated by the API's own reader. Read line by line with Jackson rather than through DuckDB:
 * a decision is a nested document the API reads exactly, and a malformed line must be quarantined
 * on its own instead of failing the file. Held in memory and sorted by time, so they can be merged
 * into the events in the order a live stream would have had.
 */
final class DecisionFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final List<Decision> decisions;
    private final List<Rejected> rejected;
    private final long lines;
    private int next;

    private DecisionFile(List<Decision> decisions, List<Rejected> rejected, long lines) {
        this.decisions = decisions;
        this.rejected = rejected;
        this.lines = lines;
    }

    static DecisionFile none() {
        return new DecisionFile(List.of(), List.of(), 0);
    }

    static DecisionFile read(Path file, Admission admission) throws IOException {
        List<Decision> ok = new ArrayList<>();
        List<Rejected> bad = new ArrayList<>();
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonRecords.Parsed p = parse(line, admission);
                if (p.ok()) ok.add((Decision) p.record());
                else bad.add(new Rejected("decision", (int) Math.min(n, Integer.MAX_VALUE), p.id(), p.errors(), line));
            }
        }
        ok.sort(Comparator.comparing(Decision::timestamp)); // stable: file order among equal times
        return new DecisionFile(ok, bad, n);
    }

    private static JsonRecords.Parsed parse(String line, Admission admission) {
        try {
            return JsonRecords.decision(JSON.readTree(line), admission);
        } catch (JacksonException e) {
            return new JsonRecords.Parsed(null, null, List.of(new FieldError("decision", "is not valid JSON: " + e.getOriginalMessage())));
        }
    }

    /** Hands over, in time order, every decision not yet handed over that happened at or before {@code t}. */
    void takeUpTo(Instant t, java.util.function.Consumer<Decision> sink) {
        while (next < decisions.size() && !decisions.get(next).timestamp().isAfter(t)) sink.accept(decisions.get(next++));
    }

    void takeRest(java.util.function.Consumer<Decision> sink) {
        while (next < decisions.size()) sink.accept(decisions.get(next++));
    }

    List<Rejected> rejected() {
        return rejected;
    }

    long read() {
        return decisions.size() + rejected.size();
    }

    long accepted() {
        return decisions.size();
    }

    long lines() {
        return lines;
    }
}
