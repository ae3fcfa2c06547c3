package dev.flywheel.sim.shop;

import java.util.List;

/**
 * The words of the shop: category names, product nouns, brands and colours. Titles and bodies are
 * built from them so that a content model finds the category, brand and colour in the text — the
 * same traits the hidden product vectors are drawn from.
 */
final class ShopText {
    static final List<String> CATEGORIES = List.of("shoes", "outdoor", "kitchen", "electronics", "books", "toys",
            "beauty", "garden", "sports", "home", "music", "office");
    static final int MAX_CATEGORIES = 12;
    private static final List<List<String>> NOUNS = List.of(
            List.of("sneaker", "boot", "sandal", "loafer"), List.of("tent", "backpack", "lantern", "sleeping bag"),
            List.of("pan", "knife", "kettle", "blender"), List.of("headphones", "charger", "speaker", "tablet"),
            List.of("novel", "cookbook", "atlas", "biography"), List.of("puzzle", "robot", "plush bear", "kite"),
            List.of("lipstick", "moisturiser", "perfume", "shampoo"), List.of("hose", "shovel", "planter", "rake"),
            List.of("racket", "yoga mat", "dumbbell", "football"), List.of("lamp", "cushion", "rug", "vase"),
            List.of("guitar", "ukulele", "metronome", "keyboard"), List.of("stapler", "notebook", "desk chair", "pen"));
    static final List<String> BRANDS = List.of("Norda", "Kestrel", "Lumo", "Brava", "Tindra", "Oakmere", "Velto",
            "Sorrel", "Pike", "Marlo", "Quince", "Halden", "Rivo", "Zephyr", "Ostra", "Calder", "Fenwick", "Iris",
            "Juno", "Larkin", "Mosby", "Nettle", "Orla", "Pell");
    static final List<String> COLOURS = List.of("black", "white", "red", "blue", "green", "grey", "yellow", "brown");
    private static final List<String> ADJECTIVES = List.of("sturdy", "light", "classic", "compact", "premium",
            "everyday", "handy", "elegant");
    /** Each category sells a few brands of its own, so a brand word says something about the category. */
    static final int BRANDS_PER_CATEGORY = 2;

    private ShopText() { }

    static String noun(int category, int pick) {
        List<String> nouns = NOUNS.get(category);
        return nouns.get(pick % nouns.size());
    }

    static String brand(int category, int pick) {
        return BRANDS.get((category * BRANDS_PER_CATEGORY + pick % BRANDS_PER_CATEGORY) % BRANDS.size());
    }

    static String title(String brand, String colour, String noun) {
        return brand + " " + colour + " " + noun;
    }

    static String body(String brand, String colour, String noun, int category, int adjective) {
        String adj = ADJECTIVES.get(adjective % ADJECTIVES.size());
        String cat = CATEGORIES.get(category);
        return "A " + adj + " " + colour + " " + noun + " by " + brand + ". Category " + cat + ", brand " + brand
                + ", colour " + colour + ". Part of our " + cat + " range.";
    }

    static int adjectives() {
        return ADJECTIVES.size();
    }
}
