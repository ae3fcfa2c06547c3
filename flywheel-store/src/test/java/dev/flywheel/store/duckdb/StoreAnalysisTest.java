package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.analysis.ExperimentReport;
import dev.flywheel.analysis.ExperimentSpec;
import dev.flywheel.analysis.OffPolicyEvaluation;
import dev.flywheel.analysis.OpeOptions;
import dev.flywheel.analysis.SlateLog;
import dev.flywheel.analysis.TargetPolicy;
import dev.flywheel.analysis.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store-backed experiment report and OPE against the same seeded world computed directly. */
class StoreAnalysisTest {
    private static final List<String> METRICS = List.of("like", "like/impression", "purchase:value", "exposures");
    @TempDir
    static Path dir;
    static AbWorld world;
    static DuckDbRecordStore store;

    @BeforeAll
    static void fill() {
        world = new AbWorld(42, 4_000, 25);
        store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        world.fill(store);
        world.fillOutcomes(store);
    }

    @Test
    void experimentFromTheStoreMatchesTheDirectComputation() throws Exception {
        DuckDbExperimentSource.Units units;
        try (Connection c = store.connect()) {
            units = DuckDbExperimentSource.units(c, AbWorld.LOOP, METRICS);
        }
        assertEquals(world.mixed, units.mixedUsers());
        assertEquals(world.truth.size(), units.users());
        ExperimentSpec spec = ExperimentSpec.of(DuckDbExperimentSource.ARM, "control", METRICS);
        ExperimentReport fromStore = ExperimentReport.analyze(units.table(), spec);
        ExperimentReport direct = ExperimentReport.analyze(directTable(), spec);
        for (int m = 0; m < METRICS.size(); m++) {
            for (String arm : List.of("control", "treatment")) {
                ExperimentReport.ArmReport s = fromStore.metrics().get(m).arms().get(arm);
                ExperimentReport.ArmReport d = direct.metrics().get(m).arms().get(arm);
                assertEquals(d.n(), s.n(), METRICS.get(m) + " " + arm);
                assertEquals(d.mean(), s.mean(), 1e-9, METRICS.get(m) + " " + arm);
            }
            ExperimentReport.ArmReport s = fromStore.metrics().get(m).arms().get("treatment");
            ExperimentReport.ArmReport d = direct.metrics().get(m).arms().get("treatment");
            assertEquals(d.vsControl().ci().low(), s.vsControl().ci().low(), 1e-9);
            assertEquals(d.vsControl().ci().high(), s.vsControl().ci().high(), 1e-9);
        }
        // the world's true like rates are 0.10 and 0.13 per impression
        ExperimentReport.ArmReport ratio = fromStore.metrics().get(1).arms().get("treatment");
        assertEquals(0.10, fromStore.metrics().get(1).arms().get("control").mean(), 0.01);
        assertEquals(0.13, ratio.mean(), 0.01);
        assertTrue(ratio.vsControl().ci().contains(0.03), ratio.vsControl().ci().toString());
        assertTrue(ratio.vsControl().ci().low() > 0);
    }

    @Test
    void perArmMomentsGiveTheSameReportAsPerUserRows() throws Exception {
        DuckDbExperimentSource.Moments moments;
        try (Connection c = store.connect()) {
            moments = DuckDbExperimentSource.moments(c, AbWorld.LOOP, METRICS);
        }
        assertEquals(world.mixed, moments.mixedUsers());
        assertEquals(world.truth.size(), moments.users());
        ExperimentSpec spec = ExperimentSpec.of(DuckDbExperimentSource.ARM, "control", METRICS);
        ExperimentReport fromMoments = ExperimentReport.analyze(moments.arms(), spec);
        ExperimentReport direct = ExperimentReport.analyze(directTable(), spec);
        assertEquals(direct.srm().chiSquare(), fromMoments.srm().chiSquare(), 1e-9);
        for (int m = 0; m < METRICS.size(); m++) {
            assertEquals(direct.metrics().get(m).ratio(), fromMoments.metrics().get(m).ratio());
            ExperimentReport.ArmReport s = fromMoments.metrics().get(m).arms().get("treatment");
            ExperimentReport.ArmReport d = direct.metrics().get(m).arms().get("treatment");
            assertEquals(d.mean(), s.mean(), 1e-9, METRICS.get(m));
            assertEquals(d.vsControl().standardError(), s.vsControl().standardError(), 1e-9, METRICS.get(m));
            assertEquals(d.vsControl().ci().low(), s.vsControl().ci().low(), 1e-9, METRICS.get(m));
            assertEquals(d.vsControl().relCi().high(), s.vsControl().relCi().high(), 1e-9, METRICS.get(m));
            assertEquals(d.adjustedP(), s.adjustedP(), 1e-9, METRICS.get(m));
        }
    }

    private static Table directTable() {
        List<String> arms = new ArrayList<>();
        double[][] cols = new double[5][world.truth.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : world.truth.entrySet()) {
            arms.add(world.arm.get(e.getKey()));
            double[] m = e.getValue();
            cols[0][i] = m[2];
            cols[1][i] = m[1];
            cols[2][i] = m[3];
            cols[3][i] = m[0];
            i++;
        }
        return Table.ofColumns(Map.of("arm", arms.toArray(String[]::new)), Map.of("like", cols[0],
                "impression", cols[1], "purchase:value", cols[2], "exposures", cols[3]));
    }

    @Test
    void opeOfTheLoggingPolicyIsTheEmpiricalMean() throws Exception {
        SlateLog log = new SlateLog(TargetPolicy.logged());
        long slates;
        try (Connection c = store.connect()) {
            slates = DuckDbOpeSource.slates(c, AbWorld.LOOP, log::add);
        }
        assertEquals(world.truth.values().stream().mapToDouble(m -> m[0]).sum() + 2 * world.mixed, slates);
        OffPolicyEvaluation e = log.evaluate(OpeOptions.defaults());
        // mixed users' decisions are logged decisions too: OPE units are slots, not users
        double expected = (world.likedRows + mixedLikes()) / (double) log.size();
        assertEquals(expected, e.estimators().get("ips").value(), 1e-12);
        assertEquals(expected, e.estimators().get("snips").value(), 1e-12);
        assertEquals(expected, e.onPolicy().rate(), 1e-12);
        assertTrue(e.covers("dr"), e.notes().toString());
    }

    private static long mixedLikes() throws Exception {
        try (Connection c = store.connect(); var s = c.createStatement(); var r = s.executeQuery(
                "SELECT count(*) FROM events WHERE type = 'like' AND user_id LIKE 'mixed%' AND loop = 'feed'")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void uniformTargetWeighsEachRowByOneOverSlateSize() throws Exception {
        SlateLog log = new SlateLog(TargetPolicy.uniform());
        try (Connection c = store.connect()) {
            DuckDbOpeSource.slates(c, AbWorld.LOOP, log::add);
        }
        OffPolicyEvaluation e = log.evaluate(OpeOptions.defaults());
        // uniform over the 3 served items: weight (1/3)/0.1 on every row
        double expected = (world.likedRows + mixedLikes()) / (double) log.size() * (1 / 3.0) / 0.1;
        assertEquals(expected, e.estimators().get("ips").value(), 1e-9);
        assertNull(e.onPolicy());
    }

    @Test
    void badMetricNamesTheOption() throws Exception {
        try (Connection c = store.connect()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> DuckDbExperimentSource.units(c, AbWorld.LOOP, List.of("like'; DROP")));
            assertTrue(x.getMessage().startsWith("--metric"), x.getMessage());
        }
    }
}
