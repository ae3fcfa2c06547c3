package dev.flywheel.cli.analyze;

import dev.flywheel.analysis.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Drives {@code analyze} through picocli as the {@code flywheel} command will, parsing its JSON. */
class AnalyzeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new AnalyzeCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void experimentOnHillstromGivesWelchIntervalsAndSrm() throws IOException {
        Run r = run("experiment", "--csv", SharedData.file("hillstrom/hillstrom.csv").toString(), "--arm", "segment",
                "--control", "No E-Mail", "--metric", "visit", "--metric", "spend", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = r.json();
        JsonNode mens = root.at("/metrics/visit/arms/Mens E-Mail");
        assertEquals(21_307, mens.get("n").asInt());
        assertEquals(0.18275684047496127, mens.get("mean").asDouble(), 1e-15);
        // scipy ttest_ind(equal_var=False).confidence_interval()
        assertEquals(0.06995314760976148, mens.get("ci_low").asDouble(), 1e-8);
        assertEquals(0.083225979693301, mens.get("ci_high").asDouble(), 1e-8);
        assertEquals(0.18275684047496127 / 0.10616727682343002 - 1, mens.get("rel_lift").asDouble(), 1e-12);
        assertTrue(mens.get("rel_ci_low").asDouble() < mens.get("rel_lift").asDouble());
        JsonNode control = root.at("/metrics/spend/arms/No E-Mail");
        assertEquals(21_306, control.get("n").asInt());
        assertEquals(0.6527893551112361, control.get("mean").asDouble(), 1e-15);
        assertFalse(control.has("diff"));
        assertEquals(0.1689567898837787, root.at("/metrics/spend/arms/Womens E-Mail/ci_low").asDouble(), 1e-8);
        assertFalse(root.at("/srm/mismatch").asBoolean());
        assertEquals(21_387, root.at("/srm/observed/Womens E-Mail").asInt());
    }

    @Test
    void cupedThetaOnHillstromIsThePooledRegressionSlope() throws IOException {
        JsonNode root = run("experiment", "--csv", SharedData.file("hillstrom/hillstrom.csv").toString(), "--arm", "segment",
                "--control", "No E-Mail", "--metric", "spend", "--covariate", "history", "--json").json();
        // numpy: cov(spend, history)[0,1] / var(history, ddof=1) over all 64,000 rows
        assertEquals(0.001275487033054174, root.at("/metrics/spend/cuped_theta").asDouble(), 1e-12);
        JsonNode mens = root.at("/metrics/spend/arms/Mens E-Mail");
        assertTrue(mens.get("ci_high").asDouble() - mens.get("ci_low").asDouble()
                < mens.get("unadjusted_ci_high").asDouble() - mens.get("unadjusted_ci_low").asDouble());
    }

    @Test
    void ratioMetricAndSampleRatioMismatch() throws IOException {
        // arm A: clicks 1,0,2,3 over impressions 2,1,4,5 (ratio 0.5); arm B: 60 units -> SRM against 50/50
        StringBuilder csv = new StringBuilder("arm,clicks,impressions\r\n");
        csv.append("A,1,2\r\nA,0,1\r\nA,2,4\r\nA,3,5\r\n");
        for (int i = 0; i < 60; i++) {
            csv.append("B,").append(i % 3).append(",4\r\n");
        }
        Path file = Files.writeString(dir.resolve("ratio.csv"), csv.toString());
        JsonNode root = run("experiment", "--csv", file.toString(), "--arm", "arm", "--control", "A", "--metric",
                "clicks/impressions", "--json").json();
        JsonNode b = root.at("/metrics/clicks~1impressions/arms/B");
        assertEquals(0.5, root.at("/metrics/clicks~1impressions/arms/A/mean").asDouble(), 1e-12);
        assertEquals(0.25, b.get("mean").asDouble(), 1e-12);
        assertEquals(-0.25, b.get("diff").asDouble(), 1e-12);
        assertTrue(root.at("/metrics/clicks~1impressions/ratio").asBoolean());
        // chi-square of (4, 60) against 32 each = 2 * 28^2 / 32 = 49
        assertEquals(49.0, root.at("/srm/chi_square").asDouble(), 1e-9);
        assertTrue(root.at("/srm/mismatch").asBoolean());
        JsonNode planned = run("experiment", "--csv", file.toString(), "--arm", "arm", "--control", "A", "--metric",
                "clicks", "--split", "A=1,B=15", "--json").json();
        // expected 4 and 60 exactly
        assertEquals(0.0, planned.at("/srm/chi_square").asDouble(), 1e-12);
        assertEquals(15.0 / 16, planned.at("/srm/expected_shares/B").asDouble(), 1e-12);
    }

    @Test
    void opeOnOpenBanditPrintsEstimatorsBesideOnPolicy() throws IOException {
        Run r = run("ope", "--format", "obd", "--logged", SharedData.file("obd/random/men/men.csv").toString(), "--target",
                SharedData.file("obd/bts/men/men.csv").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = r.json();
        assertEquals(0.0069, root.at("/on_policy/rate").asDouble(), 1e-15);
        for (String name : new String[] {"ips", "snips", "clipped_ips", "dm", "dr", "switch_dr"}) {
            JsonNode e = root.at("/estimators/" + name);
            assertTrue(e.get("ci_low").asDouble() <= e.get("value").asDouble()
                    && e.get("value").asDouble() <= e.get("ci_high").asDouble(), name);
        }
        assertEquals(0.005656266700835461, root.at("/estimators/ips/value").asDouble(), 1e-12);
        assertTrue(root.at("/diagnostics/effective_sample_size").asDouble() > 1000);
        Run table = run("ope", "--logged", SharedData.file("obd/random/men/men.csv").toString(), "--target",
                SharedData.file("obd/bts/men/men.csv").toString());
        assertTrue(table.out().contains("on-policy") && table.out().contains("snips"), table.out());
    }

    @Test
    void effectRecoversAConfoundedEffect() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("age,score,treated,outcome\n");
        for (int i = 0; i < 2000; i++) {
            double age = random.nextGaussian();
            double score = random.nextGaussian();
            boolean t = random.nextDouble() < 1 / (1 + Math.exp(-(age - 0.5 * score)));
            double y = 3 * age + score + (t ? 1.0 : 0) + random.nextGaussian();
            csv.append(age).append(',').append(score).append(',').append(t ? 1 : 0).append(',').append(y).append('\n');
        }
        Path file = Files.writeString(dir.resolve("obs.csv"), csv.toString());
        Run r = run("effect", "--csv", file.toString(), "--treatment", "treated", "--outcome", "outcome",
                "--covariates", "age,score", "--estimand", "att", "--bootstrap", "100", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = r.json();
        for (String m : new String[] {"ipw", "aipw"}) {
            JsonNode e = root.at("/estimates/" + m);
            assertTrue(e.get("ci_low").asDouble() <= 1.0 && 1.0 <= e.get("ci_high").asDouble(), m + " " + e);
        }
        assertTrue(root.at("/estimates/naive/ci_low").asDouble() > 1.5, root.at("/estimates/naive").toString());
        assertTrue(root.at("/overlap/balance/age/smd_before").asDouble() > 0.5);
        assertTrue(Math.abs(root.at("/overlap/balance/age/smd_after").asDouble()) < 0.1);
        assertTrue(root.at("/estimates/matching/estimate").isNumber());
    }

    @Test
    void funnelPerGroup() throws IOException {
        Path file = Files.writeString(dir.resolve("events.csv"), "user,event,ts,arm\n"
                + "u1,impression,2024-01-01T00:00:00Z,A\nu1,click,2024-01-01T00:01:00Z,A\n"
                + "u1,purchase,2024-01-02T00:00:00Z,A\nu2,impression,2024-01-01T00:00:00Z,A\n"
                + "u3,impression,2024-01-01T00:00:00Z,B\nu3,click,2024-01-20T00:00:00Z,B\n");
        Run r = run("funnel", "--csv", file.toString(), "--user", "user", "--step", "event", "--time", "ts",
                "--steps", "impression,click,purchase", "--window", "7d", "--by", "arm", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode a = r.json().at("/groups/A");
        assertEquals(2, a.get(0).get("users").asInt());
        assertEquals(0.5, a.get(1).get("conversion").asDouble(), 1e-12);
        assertEquals(1.0, a.get(2).get("conversion").asDouble(), 1e-12);
        assertEquals(0, r.json().at("/groups/B/1/users").asInt());
        assertTrue(run("funnel", "--csv", file.toString(), "--user", "user", "--step", "event", "--time", "ts",
                "--steps", "impression,click").out().contains("from start"));
    }

    @Test
    void badInputNamesTheProblemWithExitCode2AndNoStackTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("small.csv"), "arm,y\nA,1\nA,2\nB,3\nB,5\n");
        Run missingColumn = run("experiment", "--csv", file.toString(), "--arm", "arm", "--control", "A",
                "--metric", "revenue");
        assertEquals(2, missingColumn.exit());
        assertTrue(missingColumn.err().contains("column 'revenue' not found"), missingColumn.err());
        Run badControl = run("experiment", "--csv", file.toString(), "--arm", "arm", "--control", "C", "--metric",
                "y");
        assertTrue(badControl.err().contains("control value 'C'"), badControl.err());
        Run missingFile = run("ope", "--logged", dir.resolve("nope.csv").toString(), "--target", file.toString());
        assertEquals(2, missingFile.exit());
        assertTrue(missingFile.err().contains("--logged: file not found"), missingFile.err());
        Run badEstimand = run("effect", "--csv", file.toString(), "--treatment", "y", "--outcome", "y",
                "--covariates", "y", "--estimand", "late");
        assertEquals(2, badEstimand.exit());
        assertTrue(badEstimand.err().contains("--estimand"), badEstimand.err());
        Run missingOption = run("funnel", "--csv", file.toString());
        assertEquals(2, missingOption.exit());
        assertTrue(missingOption.err().contains("Missing required option"), missingOption.err());
        for (Run r : new Run[] {missingColumn, badControl, missingFile, badEstimand, missingOption}) {
            assertFalse(r.err().contains("\tat "), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"experiment", "ope", "effect", "funnel"}) {
            Run r = run(sub, "--help");
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("--json"), sub);
        }
        assertEquals(2, run().exit());
    }
}
