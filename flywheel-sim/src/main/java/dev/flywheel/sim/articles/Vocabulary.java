package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pseudo-words per topic plus filler words shared by all topics. Every word is distinct across the
 * whole vocabulary, so two texts share topic words only when they share a topic — which is what
 * makes text similarity reflect topics.
 */
public record Vocabulary(List<List<String>> topicWords, List<String> filler) {
    private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t",
        "v", "z", "br", "dr", "kl", "pr", "st", "tr", "sh", "ch"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou", "ea"};

    public Vocabulary {
        topicWords = topicWords.stream().map(List::copyOf).toList();
        filler = List.copyOf(filler);
    }

    public static Vocabulary generate(int topics, int wordsPerTopic, int fillerWords, SplittableRandom rnd) {
        Set<String> used = new HashSet<>();
        List<List<String>> perTopic = new ArrayList<>();
        for (int t = 0; t < topics; t++) perTopic.add(words(wordsPerTopic, 2, rnd, used));
        // Filler words are short, like real function words, and tell nothing about the topic.
        return new Vocabulary(perTopic, words(fillerWords, 1, rnd, used));
    }

    public int topics() {
        return topicWords.size();
    }

    private static List<String> words(int n, int minSyllables, SplittableRandom rnd, Set<String> used) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            StringBuilder w = new StringBuilder();
            int syllables = minSyllables + rnd.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                w.append(ONSETS[rnd.nextInt(ONSETS.length)]).append(VOWELS[rnd.nextInt(VOWELS.length)]);
            }
            if (rnd.nextInt(3) == 0) w.append(ONSETS[rnd.nextInt(12)]);
            if (used.add(w.toString())) out.add(w.toString());
        }
        return out;
    }
}
