package dev.flywheel.flink;

import dev.flywheel.log.LogEntry;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;

/** The test's plug-in, found by the job's main like any other: the seeded stream, and tables in memory. */
public final class SeededPlugin implements JobPlugin {
    @Override
    public String name() {
        return "seeded";
    }

    @Override
    public Source<LogEntry, ?, ?> source(Map<String, String> options) {
        // per_second: paced, so that a run spans several checkpoints however fast the machine is
        double perSecond = Double.parseDouble(options.getOrDefault("per_second", "0"));
        return StreamSource.source(Long.parseLong(options.get("seed")), Integer.parseInt(options.get("decisions")), 11, perSecond);
    }

    @Override
    public Tables tables(Map<String, String> options) {
        return new MemoryTables(options.get("table"));
    }
}
