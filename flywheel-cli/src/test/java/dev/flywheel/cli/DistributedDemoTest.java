package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's acceptance: the distributed demo (a Kafka broker, the Flink job on a MiniCluster and
 * PostgreSQL in this JVM, a distributed server in front) against the embedded demo on the same seed
 * and world, each run once for both tests.
 *
 * <p>The like rates are not compared here: on a world small enough for a test the embedded demo alone
 * is further than 2 % from itself (this world, seed 42, 150 users, 6 rounds: 0.064, 0.068, 0.071 on
 * three runs of one build, random 0.028). The comparison (within 2 % on the same seed) is made
 * on the full default demo, both ways, in docs/distributed.md, "The distributed demo".
 */
class DistributedDemoTest {
    private static final long SEED = 42;
    private static final int ROUNDS = 6;
    private static final int USERS = 150;
    private static ObjectNode embedded;
    private static ObjectNode distributed;

    static ObjectNode demo(String mode) {
        DemoCommand d = new DemoCommand();
        d.seed = SEED;
        d.rounds = ROUNDS;
        d.users = USERS;
        d.model = "content-bandit";
        d.json = true;
        d.world = "articles";
        d.monitors = "on";
        d.mode = mode;
        return d.articles();
    }

    @BeforeAll
    static void runBoth() {
        embedded = demo("embedded");
        distributed = demo("distributed");
    }

    /**
     * The baselines do not talk to the engine, so their rounds are equal to the last digit: both runs
     * saw the same world and traffic. Both reports have the same fields, and the distributed learner
     * learned (it beats the random policy over the run, as the embedded one does).
     */
    @Test
    void theDistributedDemoPlaysTheSameWorldAndGivesTheSameReport() {
        for (String baseline : List.of("popular", "random", "oracle")) {
            assertEquals(perRound(embedded, baseline), perRound(distributed, baseline), baseline + ": the same world and traffic");
        }
        assertEquals(fields(embedded, ""), fields(distributed, ""), "the report's fields");
        assertTrue(pooledLikeRate(embedded, "flywheel") > pooledLikeRate(embedded, "random"), "embedded learns");
        assertTrue(pooledLikeRate(distributed, "flywheel") > pooledLikeRate(distributed, "random"),
                "distributed learns: " + pooledLikeRate(distributed, "flywheel") + " against random's " + pooledLikeRate(distributed, "random"));
    }

    private static List<String> perRound(JsonNode out, String policy) {
        List<String> rounds = new ArrayList<>();
        out.get("rounds").forEach(r -> rounds.add(r.get("policies").get(policy).toString()));
        return rounds;
    }

    /** Likes over impressions of every round: each round's like rate times its impressions, summed. */
    static double pooledLikeRate(JsonNode out, String policy) {
        double likes = 0;
        long impressions = 0;
        for (JsonNode r : out.get("rounds")) {
            JsonNode f = r.get("policies").get(policy);
            likes += f.get("like_rate").asDouble() * f.get("impressions").asLong();
            impressions += f.get("impressions").asLong();
        }
        return likes / impressions;
    }

    /**
     * Every field path of the report: objects by field name, arrays by their elements' union. The
     * engine's status ({@code stored}) and the collaborative models' state per round are the shape's
     * own: only their presence is compared.
     */
    static Set<String> fields(JsonNode node, String path) {
        Set<String> out = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String p = path + "/" + name;
                out.add(p);
                if (!Set.of("stored", "flywheel_collaborative", "flywheel_versions").contains(name)) out.addAll(fields(node.get(name), p));
            }
        } else if (node.isArray()) {
            node.forEach(x -> out.addAll(fields(x, path + "[]")));
        }
        return out;
    }
}
