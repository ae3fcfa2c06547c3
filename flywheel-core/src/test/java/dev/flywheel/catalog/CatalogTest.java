package dev.flywheel.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.catalog.internal.TextAnalysis;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTest {

    static Item item(String id, String title, String body, String... topics) {
        return new Item(id, title, body, List.of(topics), null, null);
    }

    @Test
    void analysisStemsAndDropsStopWords() {
        assertEquals(Map.of("recommend", 2, "learn", 1), TextAnalysis.termCounts("The recommenders recommend learning"));
    }

    @Test
    void relatedItemsAreMoreSimilarThanUnrelatedOnes() {
        Catalog c = new Catalog();
        c.put(item("f1", "Striker scores twice in the derby", "The football match ended with a late goal from the striker", "sport"));
        c.put(item("f2", "Goalkeeper saves penalty", "A football goalkeeper kept the match level with a penalty save", "sport"));
        c.put(item("e1", "Central bank raises rates", "Inflation pushed the central bank to raise interest rates again", "economy"));
        TermVector f1 = c.get("f1").orElseThrow().vector();
        double related = f1.dot(c.get("f2").orElseThrow().vector());
        double unrelated = f1.dot(c.get("e1").orElseThrow().vector());
        assertTrue(related > 0.1 && unrelated < 0.05, "related " + related + ", unrelated " + unrelated);
        assertEquals(1.0, f1.dot(f1), 1e-6);
    }

    @Test
    void postingAnIdAgainReplacesTheItem() {
        Catalog c = new Catalog();
        c.put(item("x", "Old title", "about gardening", "home"));
        c.put(item("x", "New title", "about sailing", "travel"));
        assertEquals(1, c.size());
        assertEquals("New title", c.get("x").orElseThrow().item().title());
        TermVector v = c.get("x").orElseThrow().vector();
        assertTrue(v.dot(TermVector.of(Map.of("sail", 1.0))) > 0);
        assertEquals(0.0, v.dot(TermVector.of(Map.of("garden", 1.0))));
    }

    @Test
    void dotProductMatchesAHandComputation() {
        TermVector a = TermVector.of(Map.of("x", 3.0, "y", 4.0));          // (0.6, 0.8)
        TermVector b = TermVector.of(Map.of("y", 1.0, "z", 1.0));          // (0.7071, 0.7071)
        assertEquals(0.8 * Math.sqrt(0.5), a.dot(b), 1e-6);
    }
}
