package dev.flywheel.sim.articles;

import java.util.List;
import java.util.stream.Collectors;

/** The result of comparing policies on one world, in the order the policies were given. */
public record RunReport(List<PolicyReport> policies) {

    public RunReport {
        policies = List.copyOf(policies);
    }

    public PolicyReport policy(String name) {
        return policies.stream().filter(p -> p.policy().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy " + name));
    }

    @Override
    public String toString() {
        return policies.stream().map(PolicyReport::toString).collect(Collectors.joining("\n"));
    }
}
