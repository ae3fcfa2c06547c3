package dev.flywheel.sim.shop;

import java.util.Arrays;
import java.util.List;

/**
 * One product of the shop. Title, body, category, brand and colour are what a product page shows;
 * {@code latent} and {@code complements} are ground truth no policy may read.
 *
 * @param complements products often bought together with this one: after buying it, a shopper is
 *                    drawn to them on the next visits
 */
public record Product(String id, String title, String body, String category, String brand, String colour,
                      double price, double[] latent, List<String> complements) {

    public Product {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        if (title == null || body == null || category == null || brand == null || colour == null) {
            throw new IllegalArgumentException("title, body, category, brand and colour are required for " + id);
        }
        if (!(price > 0) || Double.isInfinite(price)) throw new IllegalArgumentException("price must be > 0, got " + price);
        latent = latent.clone();
        for (double x : latent) if (!Double.isFinite(x)) throw new IllegalArgumentException("latent must be finite");
        complements = List.copyOf(complements);
        if (complements.contains(id)) throw new IllegalArgumentException(id + " cannot complement itself");
    }

    /** A copy: the record stays immutable. */
    @Override
    public double[] latent() {
        return latent.clone();
    }

    double latent(int d) {
        return latent[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Product p && p.id.equals(id) && p.title.equals(title) && p.body.equals(body)
                && p.category.equals(category) && p.brand.equals(brand) && p.colour.equals(colour)
                && p.price == price && Arrays.equals(p.latent, latent) && p.complements.equals(complements);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(latent);
    }

    @Override
    public String toString() {
        return "Product[" + id + ", " + title + ", " + category + ", price=" + price + ", latent="
                + Arrays.toString(latent) + ", complements=" + complements + "]";
    }
}
