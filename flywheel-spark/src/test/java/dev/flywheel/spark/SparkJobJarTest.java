package dev.flywheel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.TrainedFactors;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged job jar ({@code flywheel-spark-*-job.jar}) as {@code spark-submit} runs it: Spark's
 * own launcher ({@code org.apache.spark.deploy.SparkSubmit}, what the script calls) in a JVM whose
 * class path is this module's libraries (Spark's among them) without any Flywheel class, given the
 * job jar: every Flywheel class the training needs must come from the jar. Runs in {@code integration-test}, after {@code
 * package} made the jar, on the snapshot {@link SparkTrainingTest} trained in-process (left in
 * {@code target/spark-job-fixture}); both train the same snapshot with the same settings.
 */
class SparkJobJarTest {
    /** Spark 4 on Java 17 (as the surefire argLine; spark-submit's launcher adds them alike). */
    private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
            "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    @Test
    void theJobJarHoldsFlywheelAndLeavesSparkToTheCluster() throws Exception {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            assertEquals(SparkTrainer.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(jar.getEntry("dev/flywheel/spark/SparkTrainer.class"));
            assertNotNull(jar.getEntry("dev/flywheel/model/TrainedFactors.class"), "flywheel-core is in the jar");
            List<String> cluster = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).limit(5).toList();
            assertEquals(List.of(), cluster, "Spark and Scala are the cluster's, not the jar's");
        }
    }

    @Test
    void sparkSubmitTrainsTheSnapshotWithTheJobJarAsTheTestsDoInProcess() throws Exception {
        Path fixture = Path.of(System.getProperty("flywheel.spark.fixture"));
        Path idFile = fixture.resolve("snapshot.id");
        assertTrue(Files.isRegularFile(idFile), "no " + idFile + ": SparkTrainingTest leaves it (mvn verify runs it first)");
        String id = Files.readString(idFile).trim();
        Path out = fixture.resolve("job-jar.factors");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1536m"));
        OPENS.forEach(p -> cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        cmd.addAll(List.of("-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
                "-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--class", SparkTrainer.class.getName(), "--conf", "spark.local.dir=" + System.getProperty("spark.local.dir"),
                jobJar().toString(), "--snapshots", fixture.toString(), "--snapshot", id, "--config",
                fixture.resolve("flywheel.yaml").toString(), "--out", out.toString(), "--partitions", "4"));
        Path log = fixture.resolve("spark-submit.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not end in 5 minutes; its output: " + log);
        String said = Files.readString(log);
        assertEquals(0, p.exitValue(), said);
        assertTrue(said.contains("trained "), said);
        TrainedFactors submitted = TrainedFactors.fromBytes(Files.readAllBytes(out));
        TrainedFactors inProcess = TrainedFactors.fromBytes(Files.readAllBytes(fixture.resolve("in-process.factors")));
        assertEquals(id, submitted.snapshot());
        assertEquals(inProcess.users(), submitted.users());
        assertEquals(inProcess.items(), submitted.items());
        assertEquals(inProcess.factors(), submitted.factors());
        // the same partitions, seed and master: MLlib computes the same factors
        assertArrayEquals(inProcess.userVectors(), submitted.userVectors(), 1e-9);
        assertArrayEquals(inProcess.itemVectors(), submitted.itemVectors(), 1e-9);
    }

    private static Path jobJar() {
        Path jar = Path.of(System.getProperty("flywheel.spark.job.jar"));
        assertTrue(Files.isRegularFile(jar), "no job jar at " + jar + ": mvn package makes it");
        return jar;
    }

    /** This JVM's class path without Flywheel's own classes and jars: what a Spark installation puts there. */
    private static String sparkClassPath() {
        List<String> kept = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "flywheel-") && !e.contains(File.separator + "dev" + File.separator + "flywheel" + File.separator)
                        && !e.endsWith("classes"))
                .toList();
        assertTrue(kept.stream().anyMatch(e -> e.contains("spark-core")), "Spark is on the test class path: " + kept.size() + " entries");
        return String.join(File.pathSeparator, kept);
    }
}
