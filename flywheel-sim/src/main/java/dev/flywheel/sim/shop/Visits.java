package dev.flywheel.sim.shop;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Draws shoppers in proportion to their visit weight: frequent visitors make most of the traffic. */
final class Visits {
    private final List<Shopper> shoppers;
    private final double[] cumulative;

    Visits(List<Shopper> shoppers) {
        if (shoppers.isEmpty()) throw new IllegalArgumentException("no shoppers to draw from");
        this.shoppers = List.copyOf(shoppers);
        this.cumulative = new double[shoppers.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) cumulative[i] = sum += shoppers.get(i).visitWeight();
    }

    /** One uniform per draw, so a stream of draws is reproducible from its seed. */
    Shopper draw(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        // binarySearch answers -(insertion point) - 1 when u falls between two sums
        int idx = i >= 0 ? i + 1 : -i - 1;
        return shoppers.get(Math.min(idx, shoppers.size() - 1));
    }
}
