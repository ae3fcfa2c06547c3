package dev.flywheel.cli.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-process MiniLM: its vectors' length and scale, determinism, and that it places a paraphrase
 * near and an unrelated sentence far (cosines 0.72 and 0.03 measured when the model was chosen,
 * ../shared/STACK.md).
 */
class MiniLmTextEmbedderTest {
    private static final MiniLmTextEmbedder EMBEDDER = new MiniLmTextEmbedder();

    @Test
    void paraphrasesLieCloseAndUnrelatedTextFar() {
        float[][] v = EMBEDDER.embedAll(List.of("how do I reset my bank card pin", "I forgot the PIN of my debit card",
                "the tide comes in twice a day"));
        assertEquals(3, v.length);
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, dot(x, x), 1e-5, "unit length");
        }
        assertEquals(0.72, dot(v[0], v[1]), 0.05, "paraphrase");
        assertTrue(dot(v[0], v[2]) < 0.2, "unrelated: " + dot(v[0], v[2]));
    }

    @Test
    void oneAndManyGiveTheSameVectors() {
        String text = "what is the routing number of my checking account";
        float[] one = EMBEDDER.embed(text);
        assertArrayEquals(one, EMBEDDER.embed(text), "deterministic");
        assertArrayEquals(one, EMBEDDER.embedAll(List.of("hello", text))[1], 1e-6f, "batching changes nothing");
        assertEquals(384, EMBEDDER.dimension());
        assertThrows(IllegalArgumentException.class, () -> EMBEDDER.embed(" "));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
