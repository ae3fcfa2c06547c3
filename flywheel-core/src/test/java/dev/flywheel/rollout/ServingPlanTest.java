package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.model.Candidate;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.model.SlateSampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingPlanTest {
    private static final int USERS = 100_000;

    private static ModelVersion version(String name) {
        return new ModelVersion(name, (user, items, at, explain) -> {
            List<Candidate> out = new ArrayList<>();
            for (String i : items) out.add(new Candidate(i, 0));
            return out;
        }, new SlateSampler.EpsilonGreedy(0), 1);
    }

    private static ServingPlan plan(String canary, double canaryShare, double holdout) {
        RolloutState s = new RolloutState(1, Instant.EPOCH, "v1", canary, canary == null ? null : VersionStatus.CANARY, "v0",
                new Allocation(canaryShare, holdout, true));
        return new ServingPlan(s, version("v1"), canary == null ? null : version(canary), version("v0"));
    }

    @Test
    void holdoutShareIsWithinHalfAPointOverAHundredThousandUsersAndItsProbabilityIsLogged() {
        ServingPlan p = plan("v2", 0.1, 0.05);
        int holdout = 0;
        int canary = 0;
        for (int u = 0; u < USERS; u++) {
            String arm = p.arm("shop", "u" + u);
            if (arm.equals(ServingPlan.HOLDOUT)) holdout++;
            if (arm.equals(ServingPlan.CANARY)) canary++;
        }
        assertEquals(0.05, holdout / (double) USERS, 0.005);
        assertEquals(0.10, canary / (double) USERS, 0.005);
        assertEquals(0.05, p.probability(ServingPlan.HOLDOUT));
        assertEquals(0.10, p.probability(ServingPlan.CANARY));
        assertEquals(0.85, p.probability(ServingPlan.CHAMPION), 1e-12);
        assertEquals("v0", p.version(ServingPlan.HOLDOUT).name());
    }

    @Test
    void noUserEverLeavesOrEntersTheHoldoutAcrossCanariesAndCanaryShareChanges() {
        List<ServingPlan> plans = List.of(plan(null, 0.1, 0.05), plan("v2", 0.1, 0.05), plan("v3", 0.1, 0.05),
                plan("v4", 0.3, 0.05), plan(null, 0.3, 0.05));
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            boolean first = plans.get(0).arm("shop", user).equals(ServingPlan.HOLDOUT);
            for (ServingPlan p : plans) {
                String arm = p.arm("shop", user);
                assertEquals(first, arm.equals(ServingPlan.HOLDOUT), user + " switched in or out of the holdout");
                assertEquals(arm, p.arm("shop", user), "assignment must be sticky");
            }
        }
    }

    @Test
    void eachCanaryDrawsItsOwnUsers() {
        ServingPlan a = plan("v2", 0.1, 0);
        ServingPlan b = plan("v3", 0.1, 0);
        int both = 0;
        int inA = 0;
        for (int u = 0; u < USERS; u++) {
            boolean x = a.arm("shop", "u" + u).equals(ServingPlan.CANARY);
            boolean y = b.arm("shop", "u" + u).equals(ServingPlan.CANARY);
            if (x) inA++;
            if (x && y) both++;
        }
        // independent draws overlap on about 10 % of a canary's users, the same draw on all of them
        assertTrue(both < 0.15 * inA, "overlap " + both + " of " + inA);
    }
}
