package dev.flywheel.rollout;

import java.util.List;
import java.util.Set;

/**
 * What the lifecycle's rules and the ledger read from the store: per-user totals by arm, closed
 * outcomes since a log position, and what challengers in shadow would have shown. Only decisions
 * whose outcomes have closed count, so a recent decision never counts as a decision without reward.
 */
public interface RolloutData {
    /** The metric of the loop's reward per decision. */
    String REWARD = "reward";

    /**
     * Per user and arm: decisions with closed outcomes in the given periods and the metric's total
     * over them. {@code metric} is {@link #REWARD} or an event type (its reactions counted); each
     * decision's value is capped at {@code cap} (infinity: no cap), as tests on revenue cap a rare
     * huge order so it does not drown the difference being measured.
     */
    List<UserTotals> users(String loop, Set<Integer> periods, String metric, double cap);

    /** {@link #users(String, Set, String, double)} without a cap. */
    default List<UserTotals> users(String loop, Set<Integer> periods, String metric) {
        return users(loop, periods, metric, Double.POSITIVE_INFINITY);
    }

    /** Served items of the loop's decisions after log position {@code afterSeq} whose outcomes have closed. */
    long closedSince(String loop, long afterSeq);

    /** The highest log position the store holds (a snapshot cut now goes through it). */
    long appliedSeq();

    /**
     * For each champion decision of {@code period} that {@code version} shadowed: the first slots of
     * both, the champion's first item's reward capped at {@code cap}.
     */
    List<ShadowMatch> shadow(String loop, String version, int period, double cap);

    /**
     * One user's totals in one arm.
     *
     * @param decisions decisions with closed outcomes
     * @param value     the metric summed over them
     */
    record UserTotals(String arm, String user, long decisions, double value) { }

    /**
     * The first slot of a champion decision and of the shadow's ranking for it.
     *
     * @param propensity the probability the champion put its item first
     * @param reward     the reward of the champion's first item
     * @param same       whether the shadow put the same item first
     */
    record ShadowMatch(double propensity, double reward, boolean same) { }
}
