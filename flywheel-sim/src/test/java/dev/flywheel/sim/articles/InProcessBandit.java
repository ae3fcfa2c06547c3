package dev.flywheel.sim.articles;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.Item;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.Slate;
import dev.flywheel.model.ContentBandit;
import dev.flywheel.model.ContentBanditSettings;
import dev.flywheel.outcome.OutcomeFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's content bandit driven in process, without HTTP: the same policy and the same
 * learner the server runs, fed the same decisions and events, for fast experiments on the world.
 */
final class InProcessBandit implements SlatePolicy {
    private final Catalog catalog = new Catalog();
    private final ContentBandit bandit;
    private final OutcomeFeed feed;
    private long seq;
    private Decision last;

    InProcessBandit(ArticleWorld world, Map<String, Object> loopSection) {
        for (Article a : world.articles()) {
            catalog.put(new Item(a.id(), a.title(), a.body(), a.topics().stream().map(t -> "t" + t).toList(), null, a.publishedAt()));
        }
        ContentBanditSettings settings = ContentBanditSettings.from(new ConfigTree("loops[0]", loopSection));
        bandit = new ContentBandit("home-feed", settings, catalog);
        feed = new OutcomeFeed(Map.of("home-feed", settings.reward()), List.of(bandit::onOutcome), u -> { });
    }

    @Override
    public String name() {
        return "bandit";
    }

    @Override
    public List<String> rank(String user, List<String> candidates, int k, Instant now) {
        Slate s = bandit.decide(new DecideRequest("home-feed", user, null, candidates, k, false), now);
        List<ServedItem> items = new ArrayList<>();
        for (int i = 0; i < s.slots().size(); i++) {
            items.add(new ServedItem(s.slots().get(i).item(), i + 1, s.slots().get(i).score(), s.slots().get(i).propensity()));
        }
        last = new Decision("d" + seq, "home-feed", user, now, s.model(), s.arm(), items, List.of(), null);
        feedBoth(new LogEntry.DecisionEntry(seq++, 0, last));
        return items.stream().map(ServedItem::item).toList();
    }

    @Override
    public void observe(Feedback feedback) {
        int i = 0;
        for (Reaction r : feedback.events()) {
            Event e = new Event(last.id() + "-" + (i++), r.type(), feedback.time().plusSeconds(i), feedback.user(), null,
                    last.id(), "home-feed", r.item(), r.value(), null);
            feedBoth(new LogEntry.EventEntry(seq++, 0, e));
        }
    }

    /** The engine's order: the join first (it may close outcomes the learner trains on), then the learner. */
    private void feedBoth(LogEntry entry) {
        feed.accept(entry);
        bandit.accept(entry);
    }
}
