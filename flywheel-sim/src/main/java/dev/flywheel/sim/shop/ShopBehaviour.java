package dev.flywheel.sim.shop;

/**
 * The hidden behaviour model of the shop, as pure functions. Every slot of a slate is judged on its
 * own (examined → viewed → added to cart → bought), so the expected revenue of a slate is a plain
 * sum over its slots and the best slate is the top-k by per-item value.
 */
public final class ShopBehaviour {
    /** Most products leave a shopper cold: a typical product is viewed by a few percent of those who see it. */
    static final double BIAS = -3.0;
    /** Having just bought a product, a shopper looks hard at what goes with it. */
    static final double COMPLEMENT_BOOST = 2.0;
    static final double CART_BASE = 2.5;
    /** Liking a product a lot makes its price easier to accept, a little. */
    static final double CART_TASTE = 0.3;
    static final double BUY_GIVEN_CART = 0.6;
    private static final double POSITION_DECAY = 0.4;

    private ShopBehaviour() { }

    /** P(examined) of a slot, 1-based: attention fades down the slate. */
    public static double examine(int position) {
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        return 1.0 / (1 + POSITION_DECAY * (position - 1));
    }

    /** Attraction without the complement boost, which depends on the shopper's last purchase. */
    public static double baseAttraction(Shopper s, Product p, int category) {
        return s.match(p) + s.affinity(category) + BIAS;
    }

    /** P(view | examined) for an attraction. */
    public static double viewGivenExamined(double attraction) {
        return sigmoid(attraction);
    }

    /** P(add_to_cart | view): the price puts the shopper off as much as they are price-sensitive. */
    public static double cartGivenView(Shopper s, Product p) {
        return sigmoid(CART_BASE - s.priceSensitivity() * Math.log(p.price()) + CART_TASTE * s.match(p));
    }

    /** P(purchase | add_to_cart): checkout is abandoned at a fixed rate. */
    public static double buyGivenCart() {
        return BUY_GIVEN_CART;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
