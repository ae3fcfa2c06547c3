package dev.flywheel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments and configurations stop {@link SparkTrainer} with exit 2, naming the option or key, before Spark starts. */
class SparkTrainerTest {
    private static final String ID = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private String refusal(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, SparkTrainer.run(args, new PrintStream(out, true), new PrintStream(err, true)), out.toString());
        assertEquals("", out.toString());
        return err.toString();
    }

    private String[] args(String config, String loop) throws Exception {
        Path c = Files.writeString(dir.resolve("flywheel.yaml"), config);
        return new String[] {"--snapshots", dir.toString(), "--snapshot", ID, "--config", c.toString(), "--out",
            dir.resolve("f").toString(), "--loop", loop};
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertTrue(refusal("--snapshots", "d", "--oops", "x").contains("unknown option --oops"));
        assertTrue(refusal("--snapshots", "d", "--snapshot", ID, "--config", "c").contains("--out is required"));
        assertTrue(refusal("--snapshots", "d", "--snapshot", "abc", "--config", "c", "--out", "o").contains("--snapshot must be a snapshot id"));
        assertTrue(refusal("--snapshots", "d", "--snapshot", ID, "--config", "c", "--out", "o", "--partitions", "0")
                .contains("--partitions must be a whole number"));
        assertTrue(refusal("--snapshots", dir.toString(), "--snapshot", ID, "--config", "c", "--out", "o").contains("--snapshot: no file"));
    }

    @Test
    void aLoopThatIsMissingOrHasNoCollaborativeModelsIsRefusedNamingTheKey() throws Exception {
        Files.writeString(dir.resolve(ID + ".parquet"), "not read: the loop is checked first");
        String loops = "loops:\n  - { name: movies, reward: { weights: { like: 1 } } }\n";
        assertTrue(refusal(args(loops, "films")).contains("loops: no loop named films"));
        assertTrue(refusal(args("loops:\n  - { name: movies, model: external }\n", "movies")).contains("only a learned ranker"));
        assertTrue(refusal(args("loops:\n  - { name: movies, reward: { weights: { like: 1 } }, collaborative: { enabled: false } }\n",
                "movies")).contains("collaborative.enabled: is false"));
        assertTrue(refusal(args("loops:\n  - { name: movies, reward: { weights: { like: 1 } }, collaborative: { factors: 0 } }\n",
                "movies")).contains("factors"));
    }
}
