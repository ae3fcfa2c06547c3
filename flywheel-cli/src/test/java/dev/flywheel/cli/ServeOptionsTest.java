package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flywheel serve}'s deployment options: a bad {@code --mode}, {@code --kafka} or {@code
 * --postgres} stops the start with one line naming the option (and the config key it overrides),
 * before anything is opened; the config file's own bad values name their keys.
 */
class ServeOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aBadModeNamesTheOption() {
        CommandRun r = CommandRun.of("serve", "--data", dir.toString(), "--mode", "cluster");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--mode: must be embedded or distributed, got 'cluster'"), r.err());
    }

    @Test
    void distributedModeWithoutKafkaOrPostgresNamesWhatIsMissing() {
        CommandRun noKafka = CommandRun.of("serve", "--mode", "distributed", "--postgres", "jdbc:postgresql://localhost:1/x");
        assertEquals(2, noKafka.exit(), noKafka.err());
        assertTrue(noKafka.err().contains("kafka.bootstrap: is required in distributed mode"), noKafka.err());
        CommandRun noPostgres = CommandRun.of("serve", "--mode", "distributed", "--kafka", "localhost:9092");
        assertEquals(2, noPostgres.exit(), noPostgres.err());
        assertTrue(noPostgres.err().contains("postgres.url: is required in distributed mode"), noPostgres.err());
    }

    @Test
    void aBadKafkaOrPostgresValueNamesTheOptionAndItsKey() {
        CommandRun kafka = CommandRun.of("serve", "--mode", "distributed", "--kafka", "no-port", "--postgres", "jdbc:postgresql://localhost:1/x");
        assertEquals(2, kafka.exit(), kafka.err());
        assertTrue(kafka.err().contains("--kafka (kafka.bootstrap): "), kafka.err());
        CommandRun postgres = CommandRun.of("serve", "--mode", "distributed", "--kafka", "localhost:9092", "--postgres", "mysql://db/x");
        assertEquals(2, postgres.exit(), postgres.err());
        assertTrue(postgres.err().contains("--postgres (postgres.url): must be a JDBC URL starting with jdbc:postgresql:"), postgres.err());
        CommandRun blank = CommandRun.of("serve", "--mode", "distributed", "--kafka", " ", "--postgres", "jdbc:postgresql://localhost:1/x");
        assertTrue(blank.err().contains("--kafka: must be HOST:PORT"), blank.err());
    }

    @Test
    void theOptionsOverrideTheConfigFileAndItsValuesAreCheckedInEmbeddedModeToo() throws Exception {
        Path config = dir.resolve("flywheel.yaml");
        Files.writeString(config, "mode: distributed\nkafka: { bootstrap: 'localhost:9092', partitions: 0 }\n");
        CommandRun r = CommandRun.of("serve", "--data", dir.resolve("d").toString(), "--config", config.toString(), "--mode", "embedded");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("kafka.partitions"), r.err());
        assertFalse(Files.exists(dir.resolve("d")), "nothing is opened before the settings are checked");
    }

    @Test
    void embeddedModeNeedsItsDataDirectory() {
        CommandRun r = CommandRun.of("serve", "--mode", "embedded");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--data: is required in embedded mode"), r.err());
    }
}
