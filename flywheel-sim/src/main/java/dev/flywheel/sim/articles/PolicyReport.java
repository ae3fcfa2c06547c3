package dev.flywheel.sim.articles;

import java.util.List;

/** One policy's result of a run: metrics per round and over the final evaluation window. */
public record PolicyReport(String policy, List<SlateMetrics> rounds, SlateMetrics evaluation) {

    public PolicyReport {
        if (policy == null) throw new IllegalArgumentException("policy is required");
        rounds = List.copyOf(rounds);
    }

    public SlateMetrics total() {
        return rounds.stream().reduce(SlateMetrics.EMPTY, SlateMetrics::plus);
    }

    @Override
    public String toString() {
        return String.format("%-14s like %.4f  click %.4f  dislike %.4f  reward/imp %+.4f  (%d impressions)",
                policy, evaluation.likeRate(), evaluation.clickRate(), evaluation.dislikeRate(),
                evaluation.rewardPerImpression(), evaluation.impressions());
    }
}
