package dev.flywheel.flink;

import dev.flywheel.log.LogEntry;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The seeded stream as a replayable Flink source (a Kafka stand-in): entry {@code i} is always the
 * same, and the source checkpoints how far it got, so a restored job reads on from there. The
 * entries are built where the source runs, from the seed.
 */
final class StreamSource implements GeneratorFunction<Long, LogEntry> {
    private final long seed;
    private final int decisions;
    private final int repeatEvery;
    private transient List<LogEntry> entries;

    private StreamSource(long seed, int decisions, int repeatEvery) {
        this.seed = seed;
        this.decisions = decisions;
        this.repeatEvery = repeatEvery;
    }

    /** What the source hands out: the seeded stream, delivered at least once. */
    static List<LogEntry> delivered(long seed, int decisions, int repeatEvery) {
        return SeededStream.delivered(SeededStream.entries(seed, decisions), repeatEvery);
    }

    static DataStream<LogEntry> of(StreamExecutionEnvironment env, long seed, int decisions, int repeatEvery, double perSecond) {
        return env.fromSource(source(seed, decisions, repeatEvery, perSecond), WatermarkStrategy.noWatermarks(), "seeded-stream")
                .setParallelism(1);
    }

    static DataGeneratorSource<LogEntry> source(long seed, int decisions, int repeatEvery, double perSecond) {
        return source(seed, decisions, repeatEvery, perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp());
    }

    static DataGeneratorSource<LogEntry> source(long seed, int decisions, int repeatEvery, RateLimiterStrategy<?> rate) {
        int n = delivered(seed, decisions, repeatEvery).size();
        return new DataGeneratorSource<>(new StreamSource(seed, decisions, repeatEvery), n, rate, FlywheelTypes.LOG_ENTRY);
    }

    @Override
    public void open(SourceReaderContext context) {
        entries = delivered(seed, decisions, repeatEvery);
    }

    @Override
    public LogEntry map(Long i) {
        return entries.get(i.intValue());
    }
}
