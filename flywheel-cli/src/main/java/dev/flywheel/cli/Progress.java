package dev.flywheel.cli;

/** A one-line progress bar on stderr, redrawn at most every percent. */
final class Progress {
    private final String label;
    private final long total;
    private int shown = -1;

    Progress(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
    }

    void step(long done) {
        int pct = (int) (done * 100 / total);
        if (pct == shown) return;
        shown = pct;
        int bar = pct / 4;
        System.err.print("\r" + label + " [" + "#".repeat(bar) + " ".repeat(25 - bar) + "] " + pct + "%");
    }

    void done() {
        System.err.println();
    }
}
