package dev.flywheel.quality;

import dev.flywheel.stats.Proportion;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Label noise: the share of judged (decision, item) pairs that got both a positive and a negative
 * judgement (a like and a dislike of the same served item), with its Wilson interval. A person
 * rarely says both of one item at once; a rising share means a client that double-sends, a UI that
 * mislabels, or accounts that do not mean what they say, and training on such pairs teaches noise.
 * Memory: one small bit set per judged pair of the window the caller keeps it for.
 */
public final class ConflictingFeedback {
    private static final int POSITIVE = 1;
    private static final int NEGATIVE = 2;
    private final Set<String> positive;
    private final Set<String> negative;
    private final Map<String, Integer> pairs = new HashMap<>();

    /** @param positive event types that say yes (like); {@code negative} those that say no (dislike) */
    public ConflictingFeedback(Set<String> positive, Set<String> negative) {
        if (positive.isEmpty() || negative.isEmpty()) throw new IllegalArgumentException("need positive and negative types");
        if (positive.stream().anyMatch(negative::contains)) throw new IllegalArgumentException("a type cannot say yes and no");
        this.positive = Set.copyOf(positive);
        this.negative = Set.copyOf(negative);
    }

    /** One reaction to a served item of a decision; reactions without a decision say nothing here. */
    public void observe(String decision, String item, String type) {
        if (decision == null || item == null) return;
        int bit = positive.contains(type) ? POSITIVE : negative.contains(type) ? NEGATIVE : 0;
        if (bit != 0) pairs.merge(decision + '\u0000' + item, bit, (a, b) -> a | b);
    }

    /** Conflicting pairs over judged pairs, with a 95 % Wilson interval; null before any judgement. */
    public Proportion share() {
        long conflicting = pairs.values().stream().filter(v -> v == (POSITIVE | NEGATIVE)).count();
        return pairs.isEmpty() ? null : Proportion.wilson(conflicting, pairs.size(), 0.95);
    }
}
