package dev.flywheel.sim.shop;

/**
 * What a shopper did with one slot of a slate: each step of the funnel needs the one before it.
 *
 * @param position 1-based slot
 * @param price    the product's price, earned when bought
 */
public record ShopReaction(String item, int position, boolean examined, boolean viewed, boolean carted,
                           boolean bought, double price) {

    public ShopReaction {
        if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        if ((viewed && !examined) || (carted && !viewed) || (bought && !carted)) {
            throw new IllegalArgumentException("funnel steps out of order for " + item);
        }
        if (!(price > 0)) throw new IllegalArgumentException("price must be > 0, got " + price);
    }

    public double revenue() {
        return bought ? price : 0;
    }
}
