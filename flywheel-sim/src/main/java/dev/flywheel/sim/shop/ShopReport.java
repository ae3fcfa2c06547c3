package dev.flywheel.sim.shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run served and earned: in total, per arm (champion, canary, holdout…) and per model
 * version, each in order of first appearance.
 */
public record ShopReport(Tally total, Map<String, Tally> byArm, Map<String, Tally> byVersion) {
    public static final ShopReport EMPTY = new ShopReport(Tally.EMPTY, Map.of(), Map.of());

    public ShopReport {
        if (total == null) throw new IllegalArgumentException("total is required");
        byArm = frozen(byArm);
        byVersion = frozen(byVersion);
    }

    public ShopReport plus(ShopSession s) {
        Map<String, Tally> arms = new LinkedHashMap<>(byArm);
        arms.merge(s.answer().arm(), Tally.EMPTY.plus(s), (a, b) -> a.plus(s));
        Map<String, Tally> versions = new LinkedHashMap<>(byVersion);
        versions.merge(s.answer().model(), Tally.EMPTY.plus(s), (a, b) -> a.plus(s));
        return new ShopReport(total.plus(s), arms, versions);
    }

    /** The report as plain maps, for a JSON writer. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", json(total));
        Map<String, Object> arms = new LinkedHashMap<>();
        byArm.forEach((k, v) -> arms.put(k, json(v)));
        out.put("arms", arms);
        Map<String, Object> versions = new LinkedHashMap<>();
        byVersion.forEach((k, v) -> versions.put(k, json(v)));
        out.put("versions", versions);
        return out;
    }

    private static Map<String, Object> json(Tally t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sessions", t.sessions());
        o.put("purchasing_sessions", t.purchasingSessions());
        o.put("revenue", t.revenue());
        o.put("expected_revenue", t.expectedRevenue());
        return o;
    }

    /** An unmodifiable copy that keeps the order of first appearance (Map.copyOf would not). */
    private static Map<String, Tally> frozen(Map<String, Tally> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
