package dev.flywheel.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Term counts of a text with Lucene's English analyzer: lower-casing, stop words, possessives and
 * Porter stemming, so "Recommenders recommend" counts one stem twice. Analyzers are thread-safe.
 */
public final class TextAnalysis {
    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    private TextAnalysis() { }

    public static Map<String, Integer> termCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text == null || text.isBlank()) return counts;
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) counts.merge(term.toString(), 1, Integer::sum);
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text from memory cannot fail", e);
        }
        return counts;
    }
}
