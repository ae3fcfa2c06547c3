package dev.flywheel.sim.shop;

import java.util.HashSet;
import java.util.List;

/** The shop's rules for a served slate: at most k products, all in the catalogue, none twice. */
final class SlateCheck {
    private SlateCheck() { }

    /** The slate itself when valid; an engine that breaks the rules fails the run loudly. */
    static List<String> valid(ShopWorld world, List<String> slate, int k) {
        if (slate.size() > k || new HashSet<>(slate).size() != slate.size()) {
            throw new IllegalStateException("decide answered an invalid slate (k=" + k + "): " + slate);
        }
        for (String item : slate) {
            try {
                world.product(item);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("decide answered a product the shop does not sell: " + item, e);
            }
        }
        return slate;
    }
}
