package dev.flywheel.quality;

import java.util.List;

/** A suite's validation over one batch: success when every expectation succeeded, and GX's statistics. */
public record SuiteResult(String suiteName, boolean success, List<ExpectationResult> results) {
    public SuiteResult {
        results = List.copyOf(results);
    }

    public int evaluated() {
        return results.size();
    }

    public int successful() {
        return (int) results.stream().filter(ExpectationResult::success).count();
    }

    public int unsuccessful() {
        return evaluated() - successful();
    }

    /** 100 × successful / evaluated, null for a suite without expectations (as GX's {@code success_percent}). */
    public Double successPercent() {
        return results.isEmpty() ? null : 100.0 * successful() / evaluated();
    }
}
