package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureValuesTest {
    @Test
    void readsLikeTheLinkedHashMapItReplacedInTheSameOrder() {
        FeatureValues v = new FeatureValues();
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int i = 0; i < FeatureValues.NAMES.length; i++) {
            v.set(FeatureValues.Name.values()[i], i * 0.5);
            expected.put(FeatureValues.NAMES[i], i * 0.5);
        }
        assertEquals(expected, v);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(v.keySet()));
        assertEquals(List.of(0.0, 0.5), new ArrayList<>(v.values()).subList(0, 2));
        assertEquals(3.5, v.getOrDefault("user_affinity", -1.0));
        assertEquals(3.5, v.get(FeatureValues.Name.USER_AFFINITY));
        assertEquals(-1.0, v.getOrDefault("no_such_feature", -1.0));
        assertNull(v.get("no_such_feature"));
    }
}
