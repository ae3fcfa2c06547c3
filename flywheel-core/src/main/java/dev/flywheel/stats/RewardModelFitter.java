package dev.flywheel.stats;

import java.util.List;

/** Fits a reward model on a log; refitted on each bootstrap resample so intervals carry model error. */
@FunctionalInterface
public interface RewardModelFitter {
    RewardModel fit(List<LoggedDecision> log);
}
