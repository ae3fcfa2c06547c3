package dev.flywheel.topology;

import dev.flywheel.feature.ConsumedItems;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.LoopModel;
import dev.flywheel.quality.Exclusions;
import dev.flywheel.quality.LoopMonitors;

/**
 * One configured loop as it runs: its spec, features, consumed items, model parts and policy, its
 * monitors (null when off) and what they exclude from training.
 */
public record LoopRuntime(LoopSpec spec, FeedbackFeatures features, ConsumedItems consumed, LoopModel model,
                          LoopPolicy policy, LoopMonitors monitors, Exclusions excluded) { }
