package dev.flywheel.sim.articles;

import java.util.List;

/**
 * Faults injected into the article world, for the feedback-quality monitors to catch:
 * {@code drift:round=N} (from round N every user's interests move to other topics),
 * {@code bots:share=P} (that share of users are bots pushing a few poor articles: they see every
 * slot and click almost all of it, like and read the pushed articles, and leave anything else at once
 * without judging it) and {@code clickbait:items=N} (N more articles become clickbait:
 * clicked a lot, mostly disliked after a few seconds). Combinable; none by default.
 *
 * @param driftRound the first drifted round, counted from 1 as the demo prints rounds, or -1 for none
 */
public record WorldFaults(int driftRound, double botShare, int clickbaitItems) {
    public static final WorldFaults NONE = new WorldFaults(-1, 0, 0);

    public WorldFaults {
        if (driftRound < -1 || driftRound == 0) throw new IllegalArgumentException("drift:round must be >= 1, got " + driftRound);
        if (!(botShare >= 0 && botShare < 1)) throw new IllegalArgumentException("bots:share must be in [0, 1), got " + botShare);
        if (clickbaitItems < 0) throw new IllegalArgumentException("clickbait:items must be >= 0, got " + clickbaitItems);
    }

    public boolean drifts() {
        return driftRound >= 0;
    }

    /** The faults of {@code --inject} specs such as {@code drift:round=20}, each named in its error. */
    public static WorldFaults parse(List<String> specs) {
        WorldFaults f = NONE;
        for (String spec : specs) {
            String[] kindAndArg = spec.split(":", 2);
            String[] kv = kindAndArg.length == 2 ? kindAndArg[1].split("=", 2) : new String[0];
            if (kv.length != 2) throw new IllegalArgumentException("--inject " + spec + ": expected kind:key=value, e.g. drift:round=20");
            String kind = kindAndArg[0];
            String expected = switch (kind) {
                case "drift" -> "round";
                case "bots" -> "share";
                case "clickbait" -> "items";
                default -> throw new IllegalArgumentException("--inject " + spec + ": unknown fault " + kind + " (drift, bots, clickbait)");
            };
            if (!kv[0].equals(expected)) throw new IllegalArgumentException("--inject " + spec + ": " + kind + " takes " + expected + "=");
            try {
                f = switch (kind) {
                    case "drift" -> new WorldFaults(Integer.parseInt(kv[1]), f.botShare, f.clickbaitItems);
                    case "bots" -> new WorldFaults(f.driftRound, Double.parseDouble(kv[1]), f.clickbaitItems);
                    default -> new WorldFaults(f.driftRound, f.botShare, Integer.parseInt(kv[1]));
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--inject " + spec + ": " + kind + ":" + expected + " must be a number, got " + kv[1]);
            }
        }
        return f;
    }
}
