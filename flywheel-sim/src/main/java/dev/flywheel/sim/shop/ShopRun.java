package dev.flywheel.sim.shop;

import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Shop traffic against a running engine, through its HTTP API only: each session a shopper drawn
 * by visit weight asks {@code decide} for a slate, reacts to it as the world says, and the
 * reactions go back as one batch of events carrying the decision id. The world's expected revenue
 * of every served slate is tallied beside the realised revenue, per arm and per version, and every
 * {@link ShopConfig#truthEvery()} sessions {@link ShopTruth} takes a checkpoint.
 */
public final class ShopRun {
    private final ShopWorld world;
    private final FlywheelClient decide;
    private final FlywheelClient ingest;
    private final String loop;
    private final SimClock clock;
    private final long seed;
    private final ShopTruth truth;
    private final ServedTruth served = new ServedTruth();
    private ShopReport report = ShopReport.EMPTY;
    private ShopSession last;
    private int played;
    private long eventsSent;
    private boolean published;

    public ShopRun(ShopWorld world, FlywheelClient decide, FlywheelClient ingest, FlywheelClient admin, String loop,
                   SimClock clock, long seed) {
        if (loop == null || loop.isBlank()) throw new IllegalArgumentException("loop is required");
        this.world = world;
        this.decide = decide;
        this.ingest = ingest;
        this.loop = loop;
        this.clock = clock;
        this.seed = seed;
        this.truth = new ShopTruth(world, decide, admin, loop, clock,
                ShopTruth.sample(world, world.config().truthUsers(), seed));
    }

    /**
     * Plays {@code sessions} more sessions (the catalogue is posted before the first one) and
     * answers the report of everything played so far.
     */
    public ShopReport run(int sessions, IntConsumer afterEachSession) {
        if (sessions < 0) throw new IllegalArgumentException("sessions must be >= 0, got " + sessions);
        if (!published) {
            ShopCatalog.publish(world, ingest);
            published = true;
        }
        int every = world.config().truthEvery();
        for (int i = 0; i < sessions; i++) {
            ShopSession s = play(played);
            last = s;
            report = report.plus(s);
            served.add(s);
            played++;
            if (every > 0 && played % every == 0) truth.checkpoint();
            afterEachSession.accept(s.index());
        }
        return report;
    }

    private ShopSession play(int index) {
        Instant now = clock.instant().plus(world.config().spacing());
        clock.advanceTo(now);
        String shopper = world.nextVisitor(new SplittableRandom(Seeds.mix(seed, Seeds.VISITORS, index))).id();
        int k = world.config().k();
        DecideAnswer answer = DecideAnswer.parse(decide.post("/v1/loops/" + loop + "/decide", Map.of("user", shopper, "k", k)));
        if (answer.decision() == null) throw new IllegalStateException("decide logged no decision for " + shopper);
        List<String> slate = SlateCheck.valid(world, answer.slate(), k);
        // scored before the visit: a purchase in this session changes what the next one expects
        double expected = world.expectedRevenue(shopper, slate);
        SplittableRandom dice = new SplittableRandom(Seeds.mix(seed, Seeds.REACTIONS, index));
        ShopSession s = new ShopSession(index, now, shopper, answer, expected, world.visit(shopper, slate, dice));
        send(s.events(loop, world.config().reactionWindow()));
        return s;
    }

    private void send(List<Map<String, Object>> events) {
        if (events.isEmpty()) return;
        FlywheelClient.Answer a = ingest.post("/v1/events", Map.of("events", events));
        if (a.status() != 200 || a.body() == null || a.body().path("rejected").size() > 0
                || a.body().path("accepted").asInt(-1) + a.body().path("duplicates").asInt(0) != events.size()) {
            throw new IllegalStateException("events refused: HTTP " + a.status() + " " + a.text());
        }
        eventsSent += events.size();
    }

    public ShopReport report() {
        return report;
    }

    /** The session just played, for a listener that wants more than its index; null before the first. */
    public ShopSession lastSession() {
        return last;
    }

    /** The truth of what the engine served, arm by arm (see {@link ServedTruth}). */
    public ServedTruth served() {
        return served;
    }

    public ShopTruth truth() {
        return truth;
    }

    public ShopWorld world() {
        return world;
    }

    public int sessionsPlayed() {
        return played;
    }

    public long eventsSent() {
        return eventsSent;
    }
}
