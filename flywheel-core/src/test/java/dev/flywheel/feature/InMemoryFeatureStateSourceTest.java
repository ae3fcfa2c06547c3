package dev.flywheel.feature;

import dev.flywheel.feature.contract.FeatureStateSourceContract;

/** The embedded features' own maps, read through the port: the reference every other source is held to. */
class InMemoryFeatureStateSourceTest extends FeatureStateSourceContract {
    @Override
    protected Follower follow(InMemoryFeedbackFeatures features) {
        return new Follower() {
            @Override
            public FeatureStateSource source() {
                return features.source();
            }

            @Override
            public void sync() {
                // the same maps
            }
        };
    }
}
