package dev.flywheel.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.cli.ConfigFiles;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theAdapterSectionsAreTypedByTheirModulesWhenTheConfigFileIsRead() throws Exception {
        var config = ConfigFiles.load(file("""
                mode: distributed
                kafka: {bootstrap: "broker:9092", partitions: 12, topic_prefix: shop}
                postgres: {url: "jdbc:postgresql://db:5432/flywheel?user=u&password=secret", pool_size: 4}
                """));
        DistributedSettings s = DistributedSettings.of(config.deployment());
        assertEquals("broker:9092", s.kafka().bootstrap());
        assertEquals(12, s.kafka().partitions());
        assertEquals("shop.log", s.kafka().topics().log());
        assertEquals(4, s.postgres().poolSize());
        assertEquals("flywheel", s.postgres().schema());
    }

    @Test
    void aTypoInAnAdapterSectionStopsAnEmbeddedStartToo() throws Exception {
        assertEquals("kafka.bootstrp", keyOf("kafka: {bootstrp: \"broker:9092\"}\n"));
        assertEquals("postgres.pool_size", keyOf("postgres: {url: \"jdbc:postgresql://db/f\", pool_size: 0}\n"));
        assertEquals("postgres.url", keyOf("postgres: {url: \"mysql://db/f\"}\n"));
        assertNull(DistributedSettings.of(ConfigFiles.load(file("kafka: {bootstrap: \"broker:9092\"}\n")).deployment()));
    }

    @Test
    void theDistributedModeNeedsBothKafkaAndPostgres() throws Exception {
        assertEquals("kafka.bootstrap", keyOf("mode: distributed\npostgres: {url: \"jdbc:postgresql://db/f\"}\n"));
        assertEquals("postgres.url", keyOf("mode: distributed\nkafka: {bootstrap: \"broker:9092\"}\n"));
        assertEquals("mode", keyOf("mode: cluster\n"));
        Deployment fromFlags = Deployment.embedded().withMode(Deployment.mode("--mode", "Distributed"))
                .withKafka("bootstrap", "k:1").withPostgres("url", "jdbc:postgresql://p/d");
        assertEquals("k:1", DistributedSettings.of(fromFlags).kafka().bootstrap());
        assertEquals("--mode", assertThrows(ConfigException.class, () -> Deployment.mode("--mode", "both")).key());
    }

    private String keyOf(String yaml) throws Exception {
        Path f = file(yaml);
        return assertThrows(ConfigException.class, () -> ConfigFiles.load(f)).key();
    }

    private Path file(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "flywheel", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
