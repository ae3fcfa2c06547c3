package dev.flywheel.topology;

import dev.flywheel.feature.ConsumedItems;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.LoopModel;

/** One configured loop as it runs: its spec, features, consumed items, model parts and policy. */
public record LoopRuntime(LoopSpec spec, FeedbackFeatures features, ConsumedItems consumed, LoopModel model,
                          LoopPolicy policy) { }
