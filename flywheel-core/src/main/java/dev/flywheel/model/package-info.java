/**
 * Models that score and explore: each loop's model family ({@link dev.flywheel.model.ModelSpec},
 * validated with the config) builds its {@link dev.flywheel.model.LoopModel}; the learned ranker is an
 * online logistic model per rewarded reaction (FTRL-Proximal, {@link dev.flywheel.model.RankerLearner})
 * over content, feedback and collaborative inputs (item-to-item similarity and implicit ALS,
 * {@link dev.flywheel.model.CollaborativeLearner}); a {@link dev.flywheel.model.ModelVersion} pairs a
 * {@link dev.flywheel.model.Scorer} with a slate sampler. The registry's side of a version is its
 * {@link dev.flywheel.model.VersionRecord} (lineage: family, parameters, training snapshot, code,
 * parent, trigger, metrics, state hash); states live in a content-addressed
 * {@link dev.flywheel.model.ModelStore}; {@link dev.flywheel.model.TrainingSnapshot}s are cut by a
 * {@link dev.flywheel.model.SnapshotStore} and a family retrains from one
 * ({@link dev.flywheel.model.ModelSpec#train}) through the same fitting code as its online learner.
 * A frozen version may also carry collaborative models of its own trained from its snapshot
 * ({@link dev.flywheel.model.ModelSpec#train(java.util.List, dev.flywheel.model.TrainedFactors)}): the
 * matrix they learn from is {@link dev.flywheel.model.CollaborativeInput}'s, the learner's own
 * selection and weighting, and the factorisation may come from outside the engine (Spark) as
 * {@link dev.flywheel.model.TrainedFactors}, by id.
 *
 * <p>Contract: scores are expected rewards on the loop's reward scale, bounded by its weights;
 * learners publish immutable states that decisions read without locks; a learner computes a
 * decision's training inputs when the decision arrives; samplers take their randomness from the
 * caller's seeded generator and log, per slot, the exact probability with which the item was drawn
 * given the slots before it; in a replay, batch models train in line so the same log gives the same
 * models; the same snapshot rows (and factors) always train the same state bytes; a version with its
 * own collaborative models reads the loop's histories and folds users in as the learner does.
 */
package dev.flywheel.model;
