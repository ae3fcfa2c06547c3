package dev.flywheel.sim.articles;

import dev.flywheel.catalog.Item;
import dev.flywheel.event.Event;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.topology.TopologyTestDriver;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's loop driven in process, without HTTP: the same topology (catalog, join, learner,
 * features, in the engine's order) and the same rollout the server runs, fed the same decisions and
 * events, for fast experiments on the world.
 */
final class InProcessBandit implements LoopPolicy, FeedbackObserver {
    private final TopologyTestDriver driver;
    private String last;

    /** A loop of the section's settings; like the demo, only a dislike consumes an article. */
    InProcessBandit(ArticleWorld world, Map<String, Object> loopSection) {
        Map<String, Object> section = new HashMap<>(loopSection);
        section.putIfAbsent("name", WorldRun.LOOP);
        section.putIfAbsent("candidates", Map.of("consumed", List.of("dislike")));
        driver = TopologyTestDriver.of(List.of(section));
        for (Article a : world.articles()) {
            driver.pipe(new Item(a.id(), a.title(), a.body(), a.topics().stream().map(t -> "t" + t).toList(), null, a.publishedAt()));
        }
    }

    @Override
    public Choice decide(DecideRequest request, Instant now) {
        Choice c = driver.decide(request, now);
        last = driver.lastDecisionId();
        return c;
    }

    @Override
    public void observe(Feedback feedback) {
        int i = 0;
        for (Reaction r : feedback.events()) {
            driver.pipe(new Event(last + "-" + (i++), r.type(), feedback.time().plusSeconds(i), feedback.user(), null,
                    last, WorldRun.LOOP, r.item(), r.value(), null));
        }
    }
}
