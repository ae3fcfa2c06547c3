/**
 * Review tasks: the subjects an alert named (a flagged bot's user id, a clickbait item's id) routed
 * to a person, kept in a {@link dev.flywheel.review.ReviewTasks} store until the review queue
 * consumes them.
 *
 * <p>Contract:
 * <ul>
 *   <li>Tasks are made only from live alerts ({@link dev.flywheel.review.AlertReviews}, subscribed to
 *       the engine's {@link dev.flywheel.quality.AlertBoard}) of loops whose {@code quality.actions}
 *       include {@code review}: one per named user and item, at most
 *       {@link dev.flywheel.review.AlertReviews#CAP} per alert, the rest counted.</li>
 *   <li>A store keeps one task per (loop, alert id, subject kind, subject): adding the same again is a
 *       no-op, so an alert delivered twice cannot queue twice. Alert ids are those of the board, which
 *       a replay of the same log under the same configuration numbers the same.</li>
 *   <li>Tasks are numbered densely from 1 in the order kept and listed by number; a new task is
 *       {@code open}. They are not derived from the event log, so a durable store keeps them across
 *       restarts (adapters pass {@code ReviewTasksContract}).</li>
 * </ul>
 */
package dev.flywheel.review;
