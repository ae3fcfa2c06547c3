package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flywheel.rollout.RolloutData.UserTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArmComparisonTest {
    @Test
    void eachArmIsARatioOfUserTotalsWithTheDeltaMethodAndTheDifferenceAWelchInterval() {
        List<UserTotals> users = List.of(new UserTotals("canary", "a", 2, 3), new UserTotals("canary", "b", 1, 0),
                new UserTotals("canary", "c", 3, 6), new UserTotals("champion", "d", 1, 1), new UserTotals("champion", "e", 2, 1),
                new UserTotals("champion", "f", 1, 0), new UserTotals("holdout", "g", 5, 50));
        ArmComparison c = ArmComparison.of(users, "canary", "champion", "reward", 0.05, 100);
        // canary: Y = 3, 0, 6; X = 2, 1, 3 -> R = 9/6 = 1.5
        assertEquals(1.5, c.fixed().treatment().mean(), 1e-12);
        // Var(R) = (Var Y - 2R Cov + R^2 Var X) / (n mean(X)^2), sample moments with n - 1
        double varY = (0 + 9 + 9) / 2.0;      // mean 3
        double varX = (0 + 1 + 1) / 2.0;      // mean 2
        double cov = (0 * 0 + (-3) * (-1) + 3 * 1) / 2.0;
        double varR = (varY - 2 * 1.5 * cov + 2.25 * varX) / (3 * 4.0);
        assertEquals(Math.sqrt(varR), c.fixed().treatment().standardError(), 1e-12);
        // champion: Y = 1, 1, 0; X = 1, 2, 1 -> R = 2/4
        assertEquals(0.5, c.fixed().control().mean(), 1e-12);
        assertEquals(1.0, c.fixed().diff(), 1e-12);
        assertEquals(3, c.treatmentUsers());
        assertEquals(6, c.treatmentDecisions());
        assertEquals(4, c.controlDecisions());
    }

    @Test
    void anArmWithFewerThanTwoUsersGivesNoComparison() {
        assertNull(ArmComparison.of(List.of(new UserTotals("canary", "a", 2, 3), new UserTotals("champion", "d", 1, 1),
                new UserTotals("champion", "e", 2, 1)), "canary", "champion", "reward", 0.05, 100));
    }
}
