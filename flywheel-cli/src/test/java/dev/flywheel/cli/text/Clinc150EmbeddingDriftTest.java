package dev.flywheel.cli.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.analysis.SharedData;
import dev.flywheel.quality.EmbeddingDrift;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedding drift on real requests: CLINC150 (../shared/data/clinc150, the "full" variant) embedded by
 * the in-process MiniLM. Intents A are the first ten intents of the banking, home and utility domains
 * (30 intents); the reference is 10 training queries of each (300), picked by a seeded shuffle. The
 * same 30 intents' next 10 queries each must not drift; the first ten intents of travel, work and
 * auto_and_commute (intents B, disjoint), 10 queries each, and 300 out-of-scope queries must drift, by
 * both of Evidently's methods at their defaults. Missing data fails the test (SharedData).
 *
 * <p>Both A windows hold exactly 10 queries of each intent, so only the queries differ, not the mix.
 * That pushes the classifier's AUC below 0.5 (0.42): an intent the training half holds more of from
 * one window is, the counts being equal, more common in the other window's test half. Windows drawn
 * at random from the same intents differ in their mix as well, and their AUC sits nearer the
 * threshold (EmbeddingDrift's note on mixes).
 */
class Clinc150EmbeddingDriftTest {
    private static final List<String> DOMAINS_A = List.of("banking", "home", "utility");
    private static final List<String> DOMAINS_B = List.of("travel", "work", "auto_and_commute");
    private static final int INTENTS_PER_DOMAIN = 10;
    private static final int PER_INTENT = 10;
    private static final long SEED = 20261201;

    private static float[][] reference;
    private static float[][] sameIntents;
    private static float[][] otherIntents;
    private static float[][] outOfScope;

    @BeforeAll
    static void embed() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode data = json.readTree(SharedData.file("clinc150/data_full.json").toFile());
        JsonNode domains = json.readTree(SharedData.file("clinc150/domains.json").toFile());
        Map<String, List<String>> byIntent = queriesByIntent(data.get("train"));
        List<String> a = queries(byIntent, intents(domains, DOMAINS_A), 0);
        List<String> aAgain = queries(byIntent, intents(domains, DOMAINS_A), PER_INTENT);
        List<String> b = queries(byIntent, intents(domains, DOMAINS_B), 0);
        List<String> oos = new ArrayList<>();
        data.get("oos_test").forEach(row -> oos.add(row.get(0).asText()));
        Collections.shuffle(oos, new Random(SEED));
        MiniLmTextEmbedder embedder = new MiniLmTextEmbedder();
        long start = System.nanoTime();
        reference = embedder.embedAll(a);
        sameIntents = embedder.embedAll(aAgain);
        otherIntents = embedder.embedAll(b);
        outOfScope = embedder.embedAll(oos.subList(0, 300));
        System.out.printf("embedded %d queries in %.2f s%n", 4 * 300, (System.nanoTime() - start) / 1e9);
    }

    @Test
    void otherQueriesOfTheSameIntentsDoNotDrift() {
        EmbeddingDrift.Report r = report("same intents A", sameIntents);
        assertFalse(r.model().drifted(), "domain classifier: " + r.model());
        assertFalse(r.ratio().drifted(), "share of drifted components: " + r.ratio());
        EmbeddingDrift.Result wasserstein = EmbeddingDrift.driftedShare(reference, sameIntents, EmbeddingDrift.ComponentTest.WASSERSTEIN, 0.2);
        assertTrue(wasserstein.drifted(), "Evidently's literal ratio default calls drift on unchanged text at 300 rows: " + wasserstein);
    }

    @Test
    void disjointIntentsDrift() {
        EmbeddingDrift.Report r = report("intents B", otherIntents);
        assertTrue(r.model().drifted(), "domain classifier: " + r.model());
        assertTrue(r.ratio().drifted(), "share of drifted components: " + r.ratio());
    }

    @Test
    void outOfScopeQueriesDrift() {
        EmbeddingDrift.Report r = report("out of scope", outOfScope);
        assertTrue(r.model().drifted(), "domain classifier: " + r.model());
        assertTrue(r.ratio().drifted(), "share of drifted components: " + r.ratio());
    }

    private static EmbeddingDrift.Report report(String name, float[][] current) {
        long start = System.nanoTime();
        EmbeddingDrift.Report r = EmbeddingDrift.report(reference, current, SEED);
        System.out.printf("%s: AUC %.4f, drifted share %.4f (Wasserstein everywhere %.4f), mean distance %.4f, "
                        + "centroid cosine distance %.4f; %.0f ms%n", name, r.model().statistic(), r.ratio().statistic(),
                EmbeddingDrift.driftedShare(reference, current, EmbeddingDrift.ComponentTest.WASSERSTEIN, 0.2).statistic(),
                r.distance().statistic(), r.centroidCosineDistance(), (System.nanoTime() - start) / 1e6);
        return r;
    }

    /** The first {@link #INTENTS_PER_DOMAIN} intents of each domain, in domains.json's order. */
    private static List<String> intents(JsonNode domains, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String d : names) {
            JsonNode list = domains.get(d);
            if (list == null) throw new IllegalStateException("clinc150/domains.json has no domain " + d);
            for (int i = 0; i < INTENTS_PER_DOMAIN; i++) out.add(list.get(i).asText());
        }
        return out;
    }

    /** {@link #PER_INTENT} queries of each intent from position {@code from} of its seeded shuffle. */
    private static List<String> queries(Map<String, List<String>> byIntent, List<String> intents, int from) {
        List<String> out = new ArrayList<>();
        for (String intent : intents) {
            List<String> q = new ArrayList<>(byIntent.get(intent));
            Collections.shuffle(q, new Random(SEED + intent.hashCode())); // one order per intent, whatever else is drawn
            out.addAll(q.subList(from, from + PER_INTENT));
        }
        return out;
    }

    private static Map<String, List<String>> queriesByIntent(JsonNode rows) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        rows.forEach(row -> out.computeIfAbsent(row.get(1).asText(), k -> new ArrayList<>()).add(row.get(0).asText()));
        return out;
    }
}
