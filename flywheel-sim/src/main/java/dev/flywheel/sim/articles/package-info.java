/**
 * The simulated article world of scenario 1: a content-based feed whose users like, dislike or
 * ignore what they are shown. Contract:
 * <ul>
 *   <li>{@link dev.flywheel.sim.articles.ArticleWorld} is immutable ground truth built from a seed:
 *       the same {@link dev.flywheel.sim.articles.WorldConfig} gives the same topics, articles,
 *       texts and users, and exposes exact probabilities so any policy can be scored.</li>
 *   <li>Reactions follow a cascade per shown slot: examined (position bias) → clicked → like,
 *       dislike or neither with dwell seconds. Sampling draws a fixed number of uniforms per slot,
 *       so policies fed the same stream see common random numbers.</li>
 *   <li>Every ranker is a production {@link dev.flywheel.loop.LoopPolicy}, entered as a
 *       {@link dev.flywheel.sim.articles.Contender}; baselines learn only from the
 *       {@link dev.flywheel.sim.articles.Feedback} they observe, except
 *       {@link dev.flywheel.sim.articles.OraclePolicy}, which reads the truth on purpose.</li>
 *   <li>{@link dev.flywheel.sim.articles.WorldRun} enforces the world rules (only published
 *       articles, never again an article the user disliked) through the candidates it offers.</li>
 * </ul>
 */
package dev.flywheel.sim.articles;
