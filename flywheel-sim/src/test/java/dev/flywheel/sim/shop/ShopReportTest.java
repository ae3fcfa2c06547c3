package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShopReportTest {
    private static final ShopWorld WORLD = ShopWorld.generate(ShopConfig.small(71));

    @Test
    void armsAndVersionsSplitTheTotal() {
        SplittableRandom rng = new SplittableRandom(72);
        List<ShopSession> sessions = new ArrayList<>();
        ShopReport report = ShopReport.EMPTY;
        String[][] roles = {{"champion", "v2"}, {"canary", "v3"}, {"holdout", "v1"}};
        for (int i = 0; i < 3000; i++) {
            String shopper = WORLD.nextVisitor(rng).id();
            String[] role = roles[rng.nextInt(roles.length)];
            List<String> slate = ExpectedRevenueTest.randomSlate(WORLD, 5, rng);
            List<DecideAnswer.Slot> slots = slate.stream().map(id -> new DecideAnswer.Slot(id, 0, 1)).toList();
            DecideAnswer answer = new DecideAnswer("d" + i, role[1], role[0], 1, 0, slots);
            ShopSession s = new ShopSession(i, Instant.EPOCH, shopper, answer, WORLD.expectedRevenue(shopper, slate),
                    WORLD.react(shopper, slate, rng));
            sessions.add(s);
            report = report.plus(s);
        }
        assertEquals(List.of("champion", "canary", "holdout").stream().sorted().toList(),
                report.byArm().keySet().stream().sorted().toList());
        for (String[] role : roles) {
            List<ShopSession> mine = sessions.stream().filter(s -> s.answer().arm().equals(role[0])).toList();
            Tally arm = report.byArm().get(role[0]);
            assertEquals(mine.size(), arm.sessions());
            assertEquals(mine.stream().filter(ShopSession::purchased).count(), arm.purchasingSessions());
            assertEquals(mine.stream().mapToDouble(ShopSession::revenue).sum(), arm.revenue(), 1e-6);
            assertEquals(mine.stream().mapToDouble(ShopSession::expectedRevenue).sum(), arm.expectedRevenue(), 1e-6);
            assertEquals(arm, report.byVersion().get(role[1]));
        }
        assertEquals(sessions.size(), report.total().sessions());
        assertEquals(sessions.stream().mapToDouble(ShopSession::revenue).sum(), report.total().revenue(), 1e-6);
        assertTrue(report.total().purchaseRate() > 0 && report.total().purchaseRate() < 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) report.toJson().get("total");
        assertEquals(report.total().sessions(), total.get("sessions"));
    }

    @Test
    void aTallyRefusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Tally(1, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tally(1, 0, -1, 0));
        assertTrue(Double.isNaN(Tally.EMPTY.revenuePerSession()));
    }
}
