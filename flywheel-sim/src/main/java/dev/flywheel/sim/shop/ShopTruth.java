package dev.flywheel.sim.shop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The world's ground truth about the engine's model versions. At each checkpoint it reads the
 * loop's rollout state, previews the slate every live version (champion, canary, baseline) would
 * serve to a fixed sample of shoppers — unlogged, so the engine learns nothing from it — and scores
 * those slates with the world's closed-form expected revenue. Scoring all versions on the same
 * shoppers at the same moment removes traffic noise: the differences are exact for that sample.
 */
public final class ShopTruth {
    private final ShopWorld world;
    private final FlywheelClient decide;
    private final FlywheelClient admin;
    private final String loop;
    private final SimClock clock;
    private final List<String> sample;
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    public ShopTruth(ShopWorld world, FlywheelClient decide, FlywheelClient admin, String loop, SimClock clock,
                     List<String> sample) {
        if (sample.isEmpty()) throw new IllegalArgumentException("the truth sample needs at least one shopper");
        sample.forEach(world::shopper); // an unknown shopper fails here, not at the first checkpoint
        this.world = world;
        this.decide = decide;
        this.admin = admin;
        this.loop = loop;
        this.clock = clock;
        this.sample = List.copyOf(sample);
    }

    /** n shoppers drawn by visit weight (with replacement, as traffic would bring them), fixed by the seed. */
    public static List<String> sample(ShopWorld world, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, Seeds.TRUTH_SAMPLE, 0));
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(world.nextVisitor(rng).id());
        return List.copyOf(out);
    }

    /** Reads the rollout state, scores every live version and keeps the result. */
    public Checkpoint checkpoint() {
        FlywheelClient.Answer a = admin.get("/v1/loops/" + loop + "/state");
        if (a.status() != 200 || a.body() == null || !a.body().path("champion").isTextual()) {
            throw new IllegalStateException("loop state unreadable: HTTP " + a.status() + " " + a.text());
        }
        JsonNode s = a.body();
        String champion = s.get("champion").asText();
        String canary = text(s.path("arms").path("canary").path("version"));
        String baseline = text(s.path("baseline"));
        Set<String> versions = new LinkedHashSet<>();
        versions.add(champion);
        if (canary != null) versions.add(canary);
        if (baseline != null) versions.add(baseline);
        Map<String, Double> er = new LinkedHashMap<>();
        for (String v : versions) er.put(v, meanExpectedRevenue(v));
        Checkpoint c = new Checkpoint(clock.instant(), s.path("period").asInt(0), champion, canary, baseline, er);
        checkpoints.add(c);
        return c;
    }

    /** Mean expected revenue per decision of a version's previewed slates over the sample. */
    double meanExpectedRevenue(String version) {
        double sum = 0;
        for (String shopper : sample) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", shopper);
            body.put("k", world.config().k());
            body.put("log", false);
            body.put("version", version);
            DecideAnswer answer = DecideAnswer.parse(decide.post("/v1/loops/" + loop + "/decide", body));
            sum += world.expectedRevenue(shopper, SlateCheck.valid(world, answer.slate(), world.config().k()));
        }
        return sum / sample.size();
    }

    public List<String> sample() {
        return sample;
    }

    public List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Per version: uplift vs the version it challenged and vs the holdout, per decision. */
    public Map<String, VersionTruth> truth() {
        return VersionTruth.of(checkpoints);
    }

    /** {"<version>": {"uplift_vs_parent": x, "uplift_vs_holdout": y}}, null where not measured. */
    public Map<String, Map<String, Object>> toJson() {
        return VersionTruth.toJson(truth());
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }
}
