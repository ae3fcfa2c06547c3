package dev.flywheel.model;

import dev.flywheel.loop.Slate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SlateSamplerTest {
    static final List<Candidate> ABCD = List.of(new Candidate("a", 2), new Candidate("b", 1),
            new Candidate("c", 0), new Candidate("d", -1));

    @Test
    void epsilonGreedyGivesTheBestTheGreedyShare() {
        double[] p = new SlateSampler.EpsilonGreedy(0.2).slotDistribution(ABCD);
        assertArrayEquals(new double[] {0.85, 0.05, 0.05, 0.05}, p, 1e-12, "0.2/4 + 0.8 for the best");
        double[] tie = new SlateSampler.EpsilonGreedy(0.0).slotDistribution(
                List.of(new Candidate("x", 1), new Candidate("y", 1)));
        assertArrayEquals(new double[] {1, 0}, tie, "ties go to the earlier candidate");
    }

    @Test
    void plackettLuceIsASoftmaxOverTheRemaining() {
        SlateSampler pl = new SlateSampler.PlackettLuce(1.0);
        // e² / (e² + e + 1 + e⁻¹) and so on
        assertArrayEquals(new double[] {0.6439142598879724, 0.23688281808991013, 0.08714431874203257,
                0.03205860328008499}, pl.slotDistribution(ABCD), 1e-12);
        // τ = 2 halves the score gaps: e¹ / (e¹ + e^½ + 1 + e^−½)
        assertEquals(0.4550542339234112, new SlateSampler.PlackettLuce(2.0).slotDistribution(ABCD)[0], 1e-12);
    }

    @Test
    void loggedPropensityIsConditionalOnTheSlotsBefore() {
        SlateSampler pl = new SlateSampler.PlackettLuce(1.0);
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            Slate s = pl.sample(ABCD, 2, rng);
            if (s.slots().get(0).item().equals("a") && s.slots().get(1).item().equals("b")) {
                assertEquals(0.6439142598879724, s.slots().get(0).propensity(), 1e-12);
                // b among {b, c, d}: e / (e + 1 + e⁻¹)
                assertEquals(0.6652409557748219, s.slots().get(1).propensity(), 1e-12);
                assertEquals(0.6439142598879724 * 0.6652409557748219, s.jointPropensity(), 1e-12);
                assertEquals(2, s.servedItems().get(1).position());
                return;
            }
        }
        throw new AssertionError("(a, b) never drawn in 200 tries");
    }

    @Test
    void refusesBadInput() {
        SlateSampler g = new SlateSampler.EpsilonGreedy(0.1);
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> g.sample(List.of(), 1, rng));
        assertThrows(IllegalArgumentException.class, () -> g.sample(ABCD, 0, rng));
        assertThrows(IllegalArgumentException.class,
                () -> g.sample(List.of(new Candidate("a", 1), new Candidate("a", 2)), 1, rng));
        assertThrows(IllegalArgumentException.class, () -> new SlateSampler.EpsilonGreedy(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SlateSampler.PlackettLuce(0));
        assertEquals(4, g.sample(ABCD, 10, rng).slots().size(), "a slate is at most as long as the candidates");
    }

    @Provide
    Arbitrary<List<Double>> scores() {
        return Arbitraries.doubles().between(-50, 50).list().ofMinSize(1).ofMaxSize(15);
    }

    @Provide
    Arbitrary<SlateSampler> samplers() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1).map(SlateSampler.EpsilonGreedy::new),
                Arbitraries.doubles().between(0.05, 20).map(SlateSampler.PlackettLuce::new));
    }

    @Property(tries = 300, seed = "20261127")
    void everySlotDistributionSumsToOneAndMatchesTheLoggedPropensity(
            @ForAll("scores") List<Double> scores, @ForAll("samplers") SlateSampler sampler,
            @ForAll @IntRange(min = 1, max = 15) int k, @ForAll long seed) {
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) cs.add(new Candidate("i" + i, scores.get(i)));
        Slate slate = sampler.sample(cs, k, new SplittableRandom(seed));
        List<Candidate> remaining = new ArrayList<>(cs);
        for (Slate.Slot slot : slate.slots()) {
            double[] p = sampler.slotDistribution(remaining);
            double sum = 0;
            for (double x : p) {
                assertTrue(x >= 0 && x <= 1);
                sum += x;
            }
            assertEquals(1.0, sum, 1e-9);
            int chosen = indexOf(remaining, slot.item());
            assertEquals(p[chosen], slot.propensity(), 0.0, "logged exactly as drawn");
            remaining.remove(chosen);
        }
        assertEquals(Math.min(k, cs.size()), slate.slots().size());
    }

    @Property(tries = 4, seed = "20261127")
    void empiricalFrequenciesMatchTheStatedPropensities(@ForAll("samplers") SlateSampler sampler) {
        int draws = 40_000;
        SplittableRandom rng = new SplittableRandom(99);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Double> stated = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            Slate s = sampler.sample(ABCD, 2, rng);
            String first = s.slots().get(0).item();
            String pair = first + s.slots().get(1).item();
            counts.merge(first, 1, Integer::sum);
            counts.merge(pair, 1, Integer::sum);
            stated.put(first, s.slots().get(0).propensity());
            stated.put(pair, s.jointPropensity());
        }
        for (Map.Entry<String, Double> e : stated.entrySet()) {
            double p = e.getValue();
            double freq = counts.get(e.getKey()) / (double) draws;
            double tolerance = 5 * Math.sqrt(p * (1 - p) / draws) + 1e-9;
            assertEquals(p, freq, tolerance, e.getKey() + " drawn " + freq + ", stated " + p);
        }
    }

    private static int indexOf(List<Candidate> cs, String item) {
        for (int i = 0; i < cs.size(); i++) if (cs.get(i).item().equals(item)) return i;
        throw new AssertionError(item + " not among the remaining");
    }
}
