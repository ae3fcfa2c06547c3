package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar's main, as {@code flink run} calls it: the configuration file, a source and tables
 * found as plug-ins by name, their options; and every bad argument refused with the option named.
 */
class JobMainTest {
    /** One slot: the default parallelism of the job is 1, as {@code flink run -p 1} gives it. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path dir;

    @Test
    void theMainRunsTheConfiguredLoopsFromThePluginsSourceIntoThePluginsTables() throws Exception {
        Path config = Files.writeString(dir.resolve("flywheel.yaml"), SeededStream.CONFIG);
        JobMain.main(new String[] {"--config", config.toString(), "--source", "seeded", "--tables", "seeded",
                "--set", "seeded.seed=3", "--set", "seeded.decisions=200", "--set", "seeded.table=main",
                "--flink", "checkpoint_interval=300ms"});
        EmbeddedReference.Result embedded = EmbeddedReference.run(dir, SeededStream.CONFIG, SeededStream.entries(3, 200));
        assertTrue(embedded.outcomes().size() > 1_000, "outcomes: " + embedded.outcomes().size());
        assertEquals(new HashSet<>(embedded.outcomes()), new HashSet<>(MemoryTables.outcomesOf("main")));
    }

    @Test
    void badArgumentsStopTheSubmissionWithTheOptionNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("flywheel.yaml"), SeededStream.CONFIG);
        String c = config.toString();
        assertEquals("--source", key("--config", c, "--tables", "seeded"));
        assertEquals("--source", key("--config", c, "--source", "nosuch", "--tables", "seeded"));
        assertEquals("--config", key("--config", dir.resolve("missing.yaml").toString(), "--source", "seeded", "--tables", "seeded"));
        assertEquals("--port", key("--port", "8080"));
        assertEquals("--flink", key("--config", c, "--flink", "quiet"));
        assertEquals("flink.quiet", key("--config", c, "--source", "seeded", "--tables", "seeded", "--flink", "quiet=-1s"));
        Files.writeString(config, "loops:\n  - name: feed\n    k: 0\n");
        assertEquals("loops[0].k", key("--config", c, "--source", "seeded", "--tables", "seeded"));
    }

    @Test
    void badKafkaOptionsStopTheSubmissionWithTheKeyNamed() throws Exception {
        String c = Files.writeString(dir.resolve("flywheel.yaml"), SeededStream.CONFIG).toString();
        assertEquals("kafka.bootstrap", key("--config", c, "--source", "kafka", "--tables", "seeded"));
        assertEquals("kafka.bootstrap", key("--config", c, "--source", "kafka", "--tables", "seeded", "--set", "kafka.bootstrap=nohost"));
        assertEquals("kafka.no_such_key", key("--config", c, "--source", "kafka", "--tables", "seeded",
                "--set", "kafka.bootstrap=localhost:9092", "--set", "kafka.no_such_key=1"));
        assertEquals("kafka.partitions", key("--config", c, "--source", "kafka", "--tables", "seeded",
                "--set", "kafka.bootstrap=localhost:9092", "--set", "kafka.partitions=0"));
        assertEquals("kafka.bounded", key("--config", c, "--source", "kafka", "--tables", "seeded",
                "--set", "kafka.bootstrap=localhost:9092", "--set", "kafka.bounded=yes"));
        assertEquals("kafka.group_id", key("--config", c, "--source", "kafka", "--tables", "seeded",
                "--set", "kafka.bootstrap=localhost:9092", "--set", "kafka.group_id=a b"));
    }

    /** Regression: {@code --flink chunk=500} reached the settings as the text "500", which a whole-number setting refused. */
    @Test
    void flinkSettingsFromTheCommandLineAreReadAsTheConfigFileWouldReadThem() {
        var args = JobMain.Args.parse(new String[] {"--flink", "chunk=500", "--flink", "quiet=2s"});
        JobSettings s = JobSettings.from("loops: []\n", args.flink());
        assertEquals(500, s.chunk());
        assertEquals(java.time.Duration.ofSeconds(2), s.quiet());
        var bad = JobMain.Args.parse(new String[] {"--flink", "chunk=many"});
        assertEquals("flink.chunk", assertThrows(ConfigException.class, () -> JobSettings.from("loops: []\n", bad.flink())).key());
    }

    private static String key(String... args) {
        return assertThrows(ConfigException.class, () -> JobMain.main(args)).key();
    }
}
