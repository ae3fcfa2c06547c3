package dev.flywheel.topology;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a loop's learners are: outcomes the online ranker trained on, interactions its collaborative
 * models received, and where the latest batch training ended (null before the first).
 *
 * @param trainedSeq   log position the collaborative models are current to (the last interaction they
 *                     trained on, or every entry so far when no interaction came since)
 * @param trainedUntil event time of that interaction
 * @param trainingTook how long the latest training took
 * @param training     whether a training is running now
 */
public record LoopStatus(String loop, long outcomesTrained, long interactions, Long trainedSeq, Instant trainedUntil,
                         Duration trainingTook, boolean training) { }
