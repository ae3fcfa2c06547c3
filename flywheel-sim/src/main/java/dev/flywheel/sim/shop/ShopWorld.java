package dev.flywheel.sim.shop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The shop world: catalogue, shoppers, the exact behaviour probabilities between them, and the one
 * piece of state that moves — each shopper's most recent purchase, whose complements attract them.
 * The static part of every probability is precomputed (a run scores a slate per session and the
 * truth checkpoints score many), so scoring costs a few array reads. Not thread-safe: one run drives it.
 */
public final class ShopWorld {
    private final ShopConfig config;
    private final List<Product> products;
    private final List<Shopper> shoppers;
    private final Map<String, Integer> productIndex = new HashMap<>();
    private final Map<String, Integer> shopperIndex = new HashMap<>();
    private final double[][] baseAttraction;
    /** P(add_to_cart | view): it does not move with the shopper's state. */
    private final double[][] cart;
    private final int[][] complements;
    private final int[] lastPurchase;
    private final Visits visits;

    private ShopWorld(ShopConfig config) {
        ShopBuilder builder = new ShopBuilder(config);
        this.config = config;
        this.products = List.copyOf(builder.products());
        this.shoppers = List.copyOf(builder.shoppers());
        for (int i = 0; i < products.size(); i++) productIndex.put(products.get(i).id(), i);
        for (int u = 0; u < shoppers.size(); u++) shopperIndex.put(shoppers.get(u).id(), u);
        this.complements = new int[products.size()][];
        for (int i = 0; i < products.size(); i++) {
            complements[i] = products.get(i).complements().stream().mapToInt(this::productIdx).toArray();
        }
        this.baseAttraction = new double[shoppers.size()][products.size()];
        this.cart = new double[shoppers.size()][products.size()];
        for (int u = 0; u < shoppers.size(); u++) {
            for (int i = 0; i < products.size(); i++) {
                Shopper s = shoppers.get(u);
                Product p = products.get(i);
                baseAttraction[u][i] = ShopBehaviour.baseAttraction(s, p, categoryIndex(p));
                cart[u][i] = ShopBehaviour.cartGivenView(s, p);
            }
        }
        this.lastPurchase = new int[shoppers.size()];
        Arrays.fill(lastPurchase, -1);
        this.visits = new Visits(shoppers);
    }

    /** The same config gives the same products, shoppers and complements; nobody has bought yet. */
    public static ShopWorld generate(ShopConfig config) {
        return new ShopWorld(config);
    }

    public ShopConfig config() {
        return config;
    }

    /** Category names; a shopper's affinities are indexed the same way. */
    public List<String> categories() {
        return ShopText.CATEGORIES.subList(0, config.categories());
    }

    public List<Product> products() {
        return products;
    }

    public List<Shopper> shoppers() {
        return shoppers;
    }

    public Product product(String id) {
        return products.get(productIdx(id));
    }

    public Shopper shopper(String id) {
        return shoppers.get(shopperIdx(id));
    }

    /** Attraction of a product for a shopper now, complement boost included. */
    public double attraction(String shopper, String product) {
        return attraction(shopperIdx(shopper), productIdx(product));
    }

    /** P(view | examined) now. */
    public double viewProbability(String shopper, String product) {
        return ShopBehaviour.viewGivenExamined(attraction(shopper, product));
    }

    /** P(add_to_cart | view); it does not depend on the shopper's state. */
    public double cartProbability(String shopper, String product) {
        return cart[shopperIdx(shopper)][productIdx(product)];
    }

    /** Σ_j examine(j) · P(view) · P(cart | view) · P(buy | cart) · price, with the shopper's current state. */
    public double expectedRevenue(String shopper, List<String> slate) {
        int u = shopperIdx(shopper);
        double sum = 0;
        for (int j = 0; j < slate.size(); j++) sum += ShopBehaviour.examine(j + 1) * valueIfExamined(u, productIdx(slate.get(j)));
        return sum;
    }

    /** P(at least one purchase in a session shown this slate), with the shopper's current state. */
    public double purchaseProbability(String shopper, List<String> slate) {
        int u = shopperIdx(shopper);
        double none = 1;
        for (int j = 0; j < slate.size(); j++) {
            int i = productIdx(slate.get(j));
            none *= 1 - ShopBehaviour.examine(j + 1) * buyIfExamined(u, i);
        }
        return 1 - none;
    }

    /**
     * The slate of size k with the highest expected revenue: slots are independent and attention
     * decreases down the slate, so it is the k most valuable products in decreasing order.
     */
    public List<String> oracleSlate(String shopper, int k) {
        int u = shopperIdx(shopper);
        double[] value = new double[products.size()];
        for (int i = 0; i < value.length; i++) value[i] = valueIfExamined(u, i);
        return TopK.indices(value, k).stream().map(i -> products.get(i).id()).toList();
    }

    /**
     * Samples the reactions of a shopper to a slate without changing the world. Exactly four
     * uniforms are drawn per slot whatever happens, so two slates read the same luck.
     */
    public List<ShopReaction> react(String shopper, List<String> slate, SplittableRandom rng) {
        int u = shopperIdx(shopper);
        List<ShopReaction> out = new ArrayList<>(slate.size());
        for (int j = 0; j < slate.size(); j++) {
            int i = productIdx(slate.get(j));
            Product p = products.get(i);
            double uExam = rng.nextDouble();
            double uView = rng.nextDouble();
            double uCart = rng.nextDouble();
            double uBuy = rng.nextDouble();
            boolean examined = uExam < ShopBehaviour.examine(j + 1);
            boolean viewed = examined && uView < ShopBehaviour.viewGivenExamined(attraction(u, i));
            boolean carted = viewed && uCart < cart[u][i];
            boolean bought = carted && uBuy < ShopBehaviour.buyGivenCart();
            out.add(new ShopReaction(p.id(), j + 1, examined, viewed, carted, bought, p.price()));
        }
        return out;
    }

    /** {@link #react} and then remember the purchase (the last one in slate order) for the next visits. */
    public List<ShopReaction> visit(String shopper, List<String> slate, SplittableRandom rng) {
        List<ShopReaction> reactions = react(shopper, slate, rng);
        for (ShopReaction r : reactions) if (r.bought()) recordPurchase(shopper, r.item());
        return reactions;
    }

    /** The shopper just bought this product: its complements attract them from now on. */
    public void recordPurchase(String shopper, String product) {
        lastPurchase[shopperIdx(shopper)] = productIdx(product);
    }

    public Optional<String> lastPurchase(String shopper) {
        int i = lastPurchase[shopperIdx(shopper)];
        return i < 0 ? Optional.empty() : Optional.of(products.get(i).id());
    }

    /** Draws the next visitor in proportion to visit weights; one uniform per draw. */
    public Shopper nextVisitor(SplittableRandom rng) {
        return visits.draw(rng);
    }

    private double attraction(int u, int i) {
        return baseAttraction[u][i] + (boosted(u, i) ? ShopBehaviour.COMPLEMENT_BOOST : 0);
    }

    private boolean boosted(int u, int i) {
        int last = lastPurchase[u];
        if (last < 0) return false;
        for (int c : complements[last]) if (c == i) return true;
        return false;
    }

    private double valueIfExamined(int u, int i) {
        return buyIfExamined(u, i) * products.get(i).price();
    }

    private double buyIfExamined(int u, int i) {
        return ShopBehaviour.viewGivenExamined(attraction(u, i)) * cart[u][i] * ShopBehaviour.buyGivenCart();
    }

    private int categoryIndex(Product p) {
        return ShopText.CATEGORIES.indexOf(p.category());
    }

    private int productIdx(String id) {
        Integer i = productIndex.get(id);
        if (i == null) throw new IllegalArgumentException("unknown product " + id);
        return i;
    }

    private int shopperIdx(String id) {
        Integer i = shopperIndex.get(id);
        if (i == null) throw new IllegalArgumentException("unknown shopper " + id);
        return i;
    }
}
