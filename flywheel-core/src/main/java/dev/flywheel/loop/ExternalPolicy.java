package dev.flywheel.loop;

import java.time.Instant;

/**
 * The policy of a loop whose decisions a product makes with its own model and logs through the
 * decisions API ({@code model: external}): Flywheel joins their outcomes, builds features and
 * evaluates them, but does not serve them, so asking it to decide is refused with why.
 */
public final class ExternalPolicy implements LoopPolicy {
    private final String loop;

    public ExternalPolicy(String loop) {
        if (loop == null || loop.isBlank()) throw new IllegalArgumentException("loop is required");
        this.loop = loop;
    }

    @Override
    public Choice decide(DecideRequest request, Instant now) {
        throw new UnsupportedOperationException("loop " + loop + " is decided by the product (model: external); "
                + "log its decisions with POST /v1/decisions");
    }
}
