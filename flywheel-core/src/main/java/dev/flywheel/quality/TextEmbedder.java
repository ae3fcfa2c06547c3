package dev.flywheel.quality;

import java.util.List;

/**
 * Turns a text (a request, an item's title or description) into a vector of fixed length, such that
 * texts of similar meaning lie close together. Core only states the contract, so it stays free of
 * model runtimes: the in-process MiniLM adapter lives in the command's module
 * ({@code dev.flywheel.cli.text.MiniLmTextEmbedder}); a test may use any deterministic function.
 *
 * <p>Implementations are deterministic (the same text gives the same vector, so a replay judges drift
 * the same way) and safe to call from several threads.
 */
public interface TextEmbedder {
    /** The length of every vector this embedder returns. */
    int dimension();

    /** The vector of one text; {@link #dimension()} long. */
    float[] embed(String text);

    /**
     * The vectors of many texts, in their order. Adapters override this when their model is faster
     * on batches.
     */
    default float[][] embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) out[i] = embed(texts.get(i));
        return out;
    }
}
