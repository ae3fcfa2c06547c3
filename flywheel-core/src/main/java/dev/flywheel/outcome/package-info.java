/**
 * Outcomes: decisions joined with their feedback inside the attribution window. Contract:
 * {@link dev.flywheel.outcome.OutcomeJoin} is a plain operator over event time with all its memory
 * in {@link dev.flywheel.outcome.OutcomeJoinState}, no framework types and no clock of its own; the
 * same sequence of calls gives the same outcomes in any runner. The window end is inclusive, a
 * repeated event id counts once, and no event is lost: what does not join is returned as
 * {@link dev.flywheel.outcome.Unjoined} with its reason, and kept by an
 * {@link dev.flywheel.outcome.UnjoinedStore}. An impression that names no decision is an exposure:
 * a one-item decision without a propensity, whose outcome learners use and off-policy evaluation
 * leaves out.
 */
package dev.flywheel.outcome;
