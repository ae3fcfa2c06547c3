package dev.flywheel.sim.shop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the products and shoppers of a shop from one seeded stream. The order of draws is part of
 * the reproducibility contract: change it and every seed gives a different world.
 */
final class ShopBuilder {
    private static final int COMPLEMENTS = 3;
    /** Bought-together pairs mostly cross into the neighbouring category (tent → lantern, pan → knife). */
    private static final double RELATED_CATEGORY_SHARE = 0.6;
    private final ShopConfig config;
    private final SplittableRandom rnd;
    private final double[][] centroids;
    private final double[][] brandOffsets;
    private final double[] logMedianPrice;

    ShopBuilder(ShopConfig config) {
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.centroids = gaussians(config.categories(), 0.8);
        this.brandOffsets = gaussians(ShopText.BRANDS.size(), 0.8);
        this.logMedianPrice = new double[config.categories()];
        for (int c = 0; c < logMedianPrice.length; c++) logMedianPrice[c] = Math.log(30) + 0.6 * rnd.nextGaussian();
    }

    List<Product> products() {
        List<Product> drafts = new ArrayList<>(config.products());
        for (int i = 0; i < config.products(); i++) drafts.add(product(i));
        List<Product> out = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Product p = drafts.get(i);
            out.add(new Product(p.id(), p.title(), p.body(), p.category(), p.brand(), p.colour(), p.price(),
                    p.latent(), complements(i, drafts)));
        }
        return out;
    }

    List<Shopper> shoppers() {
        List<Shopper> out = new ArrayList<>(config.users());
        for (int i = 0; i < config.users(); i++) out.add(shopper(i));
        return out;
    }

    private Product product(int index) {
        int category = rnd.nextInt(config.categories());
        int brandPick = rnd.nextInt(ShopText.BRANDS_PER_CATEGORY);
        String brand = ShopText.brand(category, brandPick);
        String colour = ShopText.COLOURS.get(rnd.nextInt(ShopText.COLOURS.size()));
        String noun = ShopText.noun(category, rnd.nextInt(4));
        String body = ShopText.body(brand, colour, noun, category, rnd.nextInt(ShopText.adjectives()));
        // log-normal around the category's price level: a few to a few hundred
        double price = Math.round(Math.exp(logMedianPrice[category] + 0.8 * rnd.nextGaussian()) * 100) / 100.0;
        price = Math.max(1.99, Math.min(900, price));
        double[] latent = new double[config.dimensions()];
        double[] brandOffset = brandOffsets[ShopText.BRANDS.indexOf(brand)];
        for (int d = 0; d < latent.length; d++) {
            latent[d] = centroids[category][d] + 0.5 * brandOffset[d] + 0.5 * rnd.nextGaussian();
        }
        return new Product(String.format("p%04d", index), ShopText.title(brand, colour, noun), body,
                ShopText.CATEGORIES.get(category), brand, colour, price, latent, List.of());
    }

    private List<String> complements(int index, List<Product> products) {
        Product self = products.get(index);
        int category = ShopText.CATEGORIES.indexOf(self.category());
        int related = (category + 1) % config.categories();
        Set<String> out = new LinkedHashSet<>();
        int wanted = Math.min(COMPLEMENTS, products.size() - 1);
        for (int attempt = 0; out.size() < wanted && attempt < 50 * COMPLEMENTS; attempt++) {
            int c = rnd.nextDouble() < RELATED_CATEGORY_SHARE ? related : category;
            // past a few misses (a category too small) any product will do
            Product pick = attempt < 10 * COMPLEMENTS ? pickIn(ShopText.CATEGORIES.get(c), products)
                    : products.get(rnd.nextInt(products.size()));
            if (pick != null && !pick.id().equals(self.id())) out.add(pick.id());
        }
        return List.copyOf(out);
    }

    private Product pickIn(String category, List<Product> products) {
        List<Product> in = products.stream().filter(p -> p.category().equals(category)).toList();
        return in.isEmpty() ? null : in.get(rnd.nextInt(in.size()));
    }

    private Shopper shopper(int index) {
        double[] taste = new double[config.dimensions()];
        for (int d = 0; d < taste.length; d++) taste[d] = 0.5 * rnd.nextGaussian();
        double[] affinities = new double[config.categories()];
        for (int c = 0; c < affinities.length; c++) affinities[c] = -0.5 + 0.3 * rnd.nextGaussian();
        int favourites = 1 + rnd.nextInt(Math.min(2, affinities.length));
        for (int i = 0; i < favourites; i++) affinities[popularCategory()] = 1.0 + 0.5 * rnd.nextDouble();
        double sensitivity = 0.6 + 0.8 * rnd.nextDouble();
        double visitWeight = Math.exp(0.8 * rnd.nextGaussian());
        return new Shopper(String.format("s%04d", index), taste, affinities, sensitivity, visitWeight);
    }

    /** Category c is a favourite with weight 1/(c+1): some categories sell to many, others to few. */
    private int popularCategory() {
        double total = 0;
        for (int c = 0; c < config.categories(); c++) total += 1.0 / (c + 1);
        double u = rnd.nextDouble() * total;
        for (int c = 0; c < config.categories(); c++) {
            u -= 1.0 / (c + 1);
            if (u < 0) return c;
        }
        return config.categories() - 1;
    }

    private double[][] gaussians(int rows, double sd) {
        double[][] out = new double[rows][config.dimensions()];
        for (double[] row : out) for (int d = 0; d < row.length; d++) row[d] = sd * rnd.nextGaussian();
        return out;
    }
}
