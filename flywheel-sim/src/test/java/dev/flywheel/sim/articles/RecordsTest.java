package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void rewardWeightsScoreEachReaction() {
        RewardWeights w = RewardWeights.defaults();
        assertEquals(1.2, w.of(new SlotReaction("a", 1, true, true, true, false, 60)), 1e-12);
        assertEquals(-0.8, w.of(new SlotReaction("a", 1, true, true, false, true, 3)), 1e-12);
        assertEquals(-0.05, w.of(new SlotReaction("a", 1, true, false, false, false, 0)), 1e-12);
        assertEquals(0.0, w.of(new SlotReaction("a", 5, false, false, false, false, 0)), 1e-12);
        assertEquals(3.0, new RewardWeights(3, 0, 0, 0).of(new SlotReaction("a", 1, true, true, true, false, 60)));
    }

    @Test
    void metricsAreRatesPerImpression() {
        SlateMetrics m = SlateMetrics.EMPTY
                .plus(new SlotReaction("a", 1, true, true, true, false, 60), RewardWeights.defaults())
                .plus(new SlotReaction("b", 2, true, false, false, false, 0), RewardWeights.defaults());
        assertEquals(0.5, m.likeRate());
        assertEquals(0.5, m.clickRate());
        assertEquals(0.0, m.dislikeRate());
        assertEquals((1.2 - 0.05) / 2, m.rewardPerImpression(), 1e-12);
    }

    @Test
    void feedbackHidesWhetherASlotWasExamined() {
        Feedback unseen = feedback(new SlotReaction("a", 1, false, false, false, false, 0));
        Feedback ignored = feedback(new SlotReaction("a", 1, true, false, false, false, 0));
        assertEquals(unseen, ignored);
        Feedback liked = feedback(new SlotReaction("a", 1, true, true, true, false, 70));
        assertTrue(liked.has(1, Reaction.LIKE) && liked.has(1, Reaction.CLICK) && !liked.has(1, Reaction.DISLIKE));
    }

    @Test
    void inconsistentFactsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SlotReaction("a", 1, false, true, false, false, 5));
        assertThrows(IllegalArgumentException.class, () -> new SlotReaction("a", 1, true, true, true, true, 5));
        assertThrows(IllegalArgumentException.class, () -> new SlateMetrics(1, 2, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Feedback("u", Instant.EPOCH, List.of("a"),
                List.of(new Reaction(Reaction.CLICK, "b", 1, null))));
        assertThrows(IllegalArgumentException.class,
                () -> new Article("a", List.of(1, 2, 3), 0.5, false, "t", "b", Instant.EPOCH));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults(1).withSize(0, 10));
        assertTrue(e.getMessage().contains("articles"), e.getMessage());
    }

    private static Feedback feedback(SlotReaction slot) {
        return Feedback.of("u1", Instant.EPOCH, List.of(slot));
    }
}
